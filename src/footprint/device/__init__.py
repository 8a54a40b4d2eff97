"""Device checks: stalkerware and monitoring indicators, device inputs and their findings."""
