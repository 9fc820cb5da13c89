"""Integrations of claimlint with content management systems."""
