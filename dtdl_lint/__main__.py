"""python -m dtdl_lint"""

from .cli import main

main()
