"""The `portal` command for the synthetic corpus, which may have locales without a UI catalog.

    python -m bench.corpus_portal --config bench/.corpus/.../portal.yaml build --content ... --output ...

The build needs translations/ui/<locale>.po for every locale and stops without one. The corpus's
extra locales (bench/corpus.py EXTRA_LOCALES) have none, and translations/ui/ is not the bench's
to write, so here the catalog template messages.pot stands in for them: their pages get the
English UI, the same work for the build as a translated one. Everything else is `portal` itself.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from site_generator import i18n  # noqa: E402


def catalogs_missing(codes):
    return [code for code in codes if not i18n.catalog_path(code).exists()]


def _with_stand_in(catalog_path):
    def stand_in(code, catalog_dir=i18n.CATALOG_DIR):
        path = catalog_path(code, catalog_dir)
        return path if path.exists() else Path(catalog_dir) / i18n.TEMPLATE_NAME
    return stand_in


def main(argv=None):
    i18n.catalog_path = _with_stand_in(i18n.catalog_path)
    from portal.cli import command

    command(argv)


if __name__ == "__main__":
    main()
