"""Legal acts, their subdivisions and the citations of them."""
