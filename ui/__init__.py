"""Tech Safety Clinic."""
