"""The API's resources, collected from each context's api module (each exposes `register`)."""

from rest_framework.routers import SimpleRouter

from zwfw.accounts import api as accounts_api
from zwfw.calendar import api as calendar_api
from zwfw.cases import api as cases_api
from zwfw.cases import api_steps as cases_steps_api
from zwfw.catalog import api as catalog_api
from zwfw.jobs import api as jobs_api
from zwfw.notifications import api as notifications_api
from zwfw.organizations import api as organizations_api
from zwfw.ratings import api as ratings_api
from zwfw.stats import api as stats_api
from zwfw.supervision import api as supervision_api


class Router(SimpleRouter):
    """Object ids are numbers unless a viewset says otherwise (lookup_value_regex): a path such
    as /departments/abc is then no route at all and answers the API's JSON 404
    (zwfw.api.errors.api_not_found), never a query with a malformed id."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._default_value_pattern = r"\d+"


router = Router(trailing_slash=False)
extra_urlpatterns: list = []
for module in (organizations_api, accounts_api, calendar_api, catalog_api, jobs_api, notifications_api,
               cases_api, cases_steps_api, supervision_api, ratings_api, stats_api):
    extra_urlpatterns += module.register(router) or []

urlpatterns = router.urls + extra_urlpatterns
