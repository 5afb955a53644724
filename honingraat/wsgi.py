import os

from django.core.wsgi import get_wsgi_application

from netwerk.opstart import weiger_zonder_geheim

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "honingraat.settings")
application = get_wsgi_application()
weiger_zonder_geheim()
