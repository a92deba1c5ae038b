"""Panels: co-produced recruitment."""
