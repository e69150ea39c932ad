"""Excel with openpyxl: village rosters in (with a row-by-row report), lists and reports out."""
