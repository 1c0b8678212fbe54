"""Pelican plugins of the portal, each small and named for what it does."""
