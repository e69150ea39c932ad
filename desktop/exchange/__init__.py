"""The signed, encrypted files that travel up the hierarchy: keys, the package, certificate codes.
Standard formats only (minisign signatures, age encryption, ZIP, JSON), so anyone can check them."""
