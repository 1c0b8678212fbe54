"""Builds the static site from content/ with Pelican and our own theme."""
