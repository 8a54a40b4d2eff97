"""Alembic migrations for the case database."""
