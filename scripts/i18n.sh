#!/usr/bin/env bash
# Re-extract translatable strings, merge them into each catalogue, compile.
# After running it, translate the new empty msgstr entries in translations/*/LC_MESSAGES/messages.po.
set -euo pipefail
cd "$(dirname "$0")/.."
pybabel extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 -k N_ --no-location \
  --sort-output -o translations/messages.pot .
for lang in vi en; do
  if [ -f "translations/$lang/LC_MESSAGES/messages.po" ]; then
    pybabel update --no-fuzzy-matching -i translations/messages.pot -d translations -l "$lang"
  else
    pybabel init -i translations/messages.pot -d translations -l "$lang"
  fi
done
pybabel compile -d translations
