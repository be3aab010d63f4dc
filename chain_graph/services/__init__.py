"""What the routes call beyond the library: caching, views that join several records."""
