"""The reader says core's sentences (fetch and library errors) in its own language."""

from __future__ import annotations

from ui_helpers import run_app, screen_text, toasts

from lecteur.core.library.store import Library
from lecteur.ui.dialogs.add_url import AddUrlScreen
from lecteur.ui.i18n import set_language


def test_a_failed_address_is_said_in_french_without_its_password(make_app, library: Library,
                                                                  site) -> None:
    set_language("fr")
    url = site.url("/status/404").replace("://", "://lea:s3cret@")

    async def scenario(app, pilot) -> None:
        await pilot.press("u", *url, "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, AddUrlScreen)
        said = [message for message in toasts(app) if "404" in message]
        assert said and said[0].startswith("Le site a répondu 404 Not Found pour ")
        assert "s3cret" not in said[0] and "s3cret" not in screen_text(app).replace(url, "")
        app.screen.query_one("#add-input").value = "ftp://lea:s3cret@example.org/x"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        refused = [message for message in toasts(app) if message.startswith("Refusé")]
        assert refused and "s3cret" not in refused[-1]
        assert library.articles.count() == 0

    run_app(make_app(demo=False), scenario)
