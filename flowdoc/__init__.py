"""flowdoc: documentation, request flows and drift checks for the Apache CloudStack source tree."""

__version__ = "0.1.0"
