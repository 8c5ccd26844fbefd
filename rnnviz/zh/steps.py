"""简体中文 for steps: English -> Chinese (see rnnviz/zh/__init__.py)."""

ZH = {
}
