"""Settings for Dangvu.

SQLite is the default (a newcomer needs no server); set DATABASE_URL for PostgreSQL, e.g.
postgres://dangvu:dangvu@127.0.0.1:5432/dangvu. DANGVU_PRODUCTION=1 turns on the
deployment settings (HTTPS-only cookies, HSTS, a secret key that must come from the environment).
"""

import os
from pathlib import Path

import dj_database_url

SRC_DIR = Path(__file__).resolve().parent
_checkout = SRC_DIR.parents[1]
DATA_DIR = Path(
    os.environ.get(
        "DANGVU_DATA_DIR",
        _checkout / "var" if (_checkout / "pyproject.toml").exists() else Path.cwd() / "var",
    )
)

PRODUCTION = os.environ.get("DANGVU_PRODUCTION") == "1"
# DEBUG only when asked for (`make run DEBUG=1`): a newcomer's first pages, the 404 of a record
# outside their scope among them, are the site's own, never Django's debug page.
DEBUG = os.environ.get("DANGVU_DEBUG") == "1"
if PRODUCTION:
    SECRET_KEY = os.environ["DANGVU_SECRET_KEY"]
else:
    # Only for a developer's laptop; production refuses to start without DANGVU_SECRET_KEY.
    SECRET_KEY = os.environ.get("DANGVU_SECRET_KEY", "dev-only-not-secret-" + "x" * 40)
ALLOWED_HOSTS = os.environ.get("DANGVU_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "auditlog",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "dangvu.core",
    "dangvu.accounts",
    "dangvu.organizations",
    "dangvu.members",
    "dangvu.tallies",
    "dangvu.targets",
    "dangvu.cadres",
    "dangvu.training",
    "dangvu.inspection",
    "dangvu.elections",
    "dangvu.awards",
    "dangvu.reviews",
    "dangvu.tasks",
    "dangvu.indicators",
    "dangvu.candidates",
    "dangvu.meetings",
    "dangvu.dues",
    "dangvu.committees",
    "dangvu.reports",
    "dangvu.imports",
    "dangvu.dashboard",
    "dangvu.handbook",
    "dangvu.api",
    "dangvu.demo",
    "dangvu.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Vietnamese whatever the browser asks for; English only when the user picks it (kept in a cookie).
    "dangvu.web.language.IgnoreBrowserLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dangvu.accounts.middleware.PasswordChangeRequired",
    # A member's account opens only the member's own pages, while their record allows it.
    "dangvu.handbook.middleware.MemberPagesOnly",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    # Last, as django-axes asks: it answers locked-out logins.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dangvu.urls"
WSGI_APPLICATION = "dangvu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dangvu.accounts.context_processors.scope",
            ],
        },
    },
]

_default_sqlite = f"sqlite:///{DATA_DIR / 'dangvu.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _default_sqlite))}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's backend, keeping the query planner's statistics current (core/sqlite3/base.py).
    DATABASES["default"]["ENGINE"] = "dangvu.core.sqlite3"
    DATABASES["default"]["OPTIONS"] = {
        # Writers queue instead of failing with "database is locked"; WAL lets readers go on.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # The tests' database in memory, as Django makes it for its own SQLite engine: pytest-django
    # recognizes that engine by name only, and would give each worker a file named after this path.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
else:
    # Django's backend, preparing the statements that core.prepared.prepared() names (core/prepared.py).
    DATABASES["default"]["ENGINE"] = "dangvu.core.postgresql"
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # JIT compiling pays off for hour-long analytics, not for a page's queries: on the city data set
    # it cost 0,44 s on one dashboard query and halved the dashboard's time when off (bench/RESULTS.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# A streaming replica serves the pages that only read figures (core/replica.py says who reads where).
REPLICA_PATHS = ["/tong-quan/", "/bao-cao/", "/chi-so/", "/api/"]
REPLICA_STICKY_SECONDS = int(os.environ.get("DANGVU_REPLICA_STICKY_SECONDS", "5"))
REPLICA_DOWN_SECONDS = int(os.environ.get("DANGVU_REPLICA_DOWN_SECONDS", "10"))
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"]),
        "ENGINE": "dangvu.core.postgresql",
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {"options": "-c jit=off"},
        # The suite's test database is created on the primary and reaches the replica by streaming;
        # tests/core/test_replica.py points the alias at the real replica where it tests one.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["dangvu.core.replica.ReplicaRouter"]
    # Before the session: the session and the user are read where the rest of the page is.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "dangvu.core.replica.ReplicaMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A covering index (INCLUDE) serves the tallies' sums on PostgreSQL; SQLite builds it without the
# included columns and would warn so on every migrate.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the user's role and credential with the user (sessions made
    # under the former "django.contrib.auth.backends.ModelBackend" ask for a new login, once).
    "dangvu.accounts.backends.AccountBackend",
    "dangvu.accounts.backends.RoleCapabilityBackend",  # has_perm("dangvu.<capability>")
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling (django-axes): 5 failures lock the user name from that address for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# The English switch is offered only once every page is translated (issue 20, item 5): today the
# header and the dashboard are, members, forms, candidates, meetings, dues, import, report and
# login are not. Off: no switch, and a language cookie left from before is ignored (Vietnamese).
OFFER_ENGLISH = False
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["dangvu.formats"]

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"

SESSION_ENGINE = "dangvu.accounts.sessions"  # Django's database sessions, read without the ORM
SESSION_COOKIE_AGE = 8 * 3600  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): the pages run no inline script at all, and load scripts,
# styles, fonts and images only from this site. Style attributes stay allowed (the tree's indent,
# the charts' widths): they cannot run code. The self-contained documents (the HTML report, the
# printable receipt) carry their own <style> and widen style-src for their own answer only
# (dangvu.web.csp.self_contained_document).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("DANGVU_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The cache (the dashboard's pages by data version, the API's rate limits): one per process by
# default, which suits `make run` and the tests; a server with several workers shares one by
# setting DANGVU_CACHE_DIR to a directory of its own (Django's file cache), or a memcached/Redis
# CACHES in a local settings module.
if os.environ.get("DANGVU_CACHE_DIR"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ["DANGVU_CACHE_DIR"],
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }

AUDITLOG_INCLUDE_ALL_MODELS = False

# The integration API's limits (README, "Integration API"): requests per token per minute, the page
# size of lists (default and largest a caller may ask), and the records one bulk call may carry.
DANGVU_API_RATE = os.environ.get("DANGVU_API_RATE", "120/min")
DANGVU_API_PAGE_SIZE = int(os.environ.get("DANGVU_API_PAGE_SIZE", "50"))
DANGVU_API_MAX_PAGE_SIZE = int(os.environ.get("DANGVU_API_MAX_PAGE_SIZE", "200"))
DANGVU_API_BULK_MAX = int(os.environ.get("DANGVU_API_BULK_MAX", "5000"))
DANGVU_API_BAD_TOKEN_LIMIT = int(os.environ.get("DANGVU_API_BAD_TOKEN_LIMIT", "10"))
DANGVU_API_BAD_TOKEN_WINDOW = int(os.environ.get("DANGVU_API_BAD_TOKEN_WINDOW", "900"))

# Members' own accounts (handbook): how long an activation code works, and who delivers it — a
# dotted path to a callable taking a handbook.services.Slip; the default sends nothing (the printed
# slip or its Excel list is the channel).
DANGVU_ACTIVATION_DAYS = int(os.environ.get("DANGVU_ACTIVATION_DAYS", "30"))
DANGVU_ACTIVATION_SENDER = os.environ.get("DANGVU_ACTIVATION_SENDER", "dangvu.handbook.services.send_nothing")

# Background jobs (django-tasks with its ORM backend: the queue is a table of the same database, so
# SQLite needs no other server; `dangvu worker` runs them, `make run` starts it). An import of
# more than DANGVU_IMPORT_BACKGROUND_ROWS rows is committed as a job with a progress bar.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
DANGVU_IMPORT_BACKGROUND_ROWS = int(os.environ.get("DANGVU_IMPORT_BACKGROUND_ROWS", "1000"))
# The year report's Word and PDF of a subtree of more units than these are drawn as a job too (a
# district of ~190 units: Word 0,7 s, PDF 2,5 s in bench.reports; PDF takes about four times Word's).
DANGVU_REPORT_BACKGROUND_UNITS = int(os.environ.get("DANGVU_REPORT_BACKGROUND_UNITS", "500"))
DANGVU_REPORT_PDF_BACKGROUND_UNITS = int(os.environ.get("DANGVU_REPORT_PDF_BACKGROUND_UNITS", "120"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"dangvu": {"handlers": ["console"], "level": os.environ.get("DANGVU_LOG_LEVEL", "INFO")}},
}
