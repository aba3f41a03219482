"""``python -m lecteur``: the same as the ``lecteur`` command."""

import sys

from lecteur.cli import main

if __name__ == "__main__":
    sys.exit(main())
