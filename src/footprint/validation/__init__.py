"""The FSR validation pack: acceptance checks on synthetic inputs with known answers, and their report.

``footprint validate OUT_DIR`` runs them (``pack.validate``); ``footprint report --validation`` names a
pack in the report's method appendix once ``supplied.read_pack`` has checked it against the running code.
The documents of the validation (requirements to implementation plan) are in ``docs/validation/``.
"""
