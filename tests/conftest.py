import sys
from pathlib import Path

# tests import the package from the repository itself and the helpers beside them
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
