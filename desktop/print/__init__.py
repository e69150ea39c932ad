"""PDF documents with reportlab. Input: the plain data of print/data.py; output: PDF bytes.

Import modules by name (`from desktop.print import certificates`), never `from desktop import print`.
"""
