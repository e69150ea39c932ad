"""Plain-Python rules of the programme: no Qt, no SQLAlchemy, no I/O."""
