# Sphinx configuration of fakenova's documentation (tox -e docs).

project = 'fakenova'
copyright = 'fakenova developers'
extensions = []
master_doc = 'index'
exclude_patterns = []
html_theme = 'alabaster'
