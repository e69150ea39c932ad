"""PDF documents with reportlab. Input: the plain data of print/data.py; output: PDF bytes.

Import modules by name (`from desktop.print import certificates`), never `from desktop import print`.
"""

from reportlab import rl_config

# binary (Flate only) streams: ASCII85 on top makes every page a quarter bigger and slower to write
rl_config.useA85 = 0
