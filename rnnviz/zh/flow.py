"""简体中文 for flow: English -> Chinese (see rnnviz/zh/__init__.py)."""

ZH = {
}
