"""Where a service, organization or event place is."""


def coordinates(facts):
    """(latitude, longitude) as floats, or None when the content gives none."""
    latitude, longitude = facts.get("latitude"), facts.get("longitude")
    if latitude is None or longitude is None:
        return None
    return float(latitude), float(longitude)
