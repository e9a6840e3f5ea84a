"""Screens of the coordinator dashboard."""
