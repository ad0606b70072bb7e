"""The REST API (/api/v1/): Django REST Framework views over the app's own access helpers and
services, so every rule of the web pages (per-role access, blind review, 404 for other roles'
objects) holds here too. Personal API tokens authenticate scripts; the app's session works for
the browser (the OpenAPI pages)."""
