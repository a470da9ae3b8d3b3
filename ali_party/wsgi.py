"""The WSGI application (gunicorn). Without DJANGO_SETTINGS_MODULE it runs the production settings:
a server must never come up with DEBUG and the development keys by accident (`make run` uses
manage.py, which defaults to the local settings). It refuses to start when a production setting is
missing (ali_party/checks.py)."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ali_party.settings.production")
application = get_wsgi_application()

from ali_party.checks import refuse_to_start_if_misconfigured  # noqa: E402

refuse_to_start_if_misconfigured()
