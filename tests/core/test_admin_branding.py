"""The admin carries Kompetenslyft's name, logo and colours instead of Wagtail's."""

from pathlib import Path

from django.conf import settings
from django.urls import reverse

LOGO = "images/kompetenslyft-logo.svg"


def test_admin_dashboard_shows_our_title_and_logo(client, editor):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "- Kompetenslyft</title>" in html
    assert "- Wagtail</title>" not in html
    assert f'src="{settings.STATIC_URL}{LOGO}" alt="Kompetenslyft"' in html  # the sidebar logo
    assert f'rel="icon" type="image/svg+xml" href="{settings.STATIC_URL}{LOGO}"' in html
    assert "wagtailadmin/images/favicon.ico" not in html
    assert "css/admin.css" in html  # where our colours are


def test_logo_and_colours_exist():
    static = Path(settings.BASE_DIR) / "static"
    logo = (static / LOGO).read_text()
    assert logo.lstrip().startswith("<svg") and "<title" in logo and "Kompetenslyft" in logo
    css = (static / "css/admin.css").read_text()
    for variable in (
        "--w-color-primary:",
        "--w-color-primary-hue:",
        "--w-color-secondary:",
        "--w-color-secondary-hue:",
    ):
        assert variable in css


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_admin_colours_keep_aa_contrast_with_white_text():
    css = (Path(settings.BASE_DIR) / "static/css/admin.css").read_text()
    for variable in ("--w-color-primary", "--w-color-secondary"):
        colour = css.split(f"{variable}:", 1)[1].split(";", 1)[0].strip()
        ratio = 1.05 / (_luminance(colour) + 0.05)
        assert ratio >= 4.5, (variable, colour, ratio)
