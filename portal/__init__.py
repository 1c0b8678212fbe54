"""Shared core of the portal: the one configuration (portal.yaml) and the `portal` CLI."""
