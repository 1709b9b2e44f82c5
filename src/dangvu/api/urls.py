from django.urls import path

from .api import api
from .docs import asset

urlpatterns = [
    path("v1/docs/assets/<str:name>", asset, name="api-docs-asset"),
    path("v1/", api.urls),
]
