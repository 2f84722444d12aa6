import TidingsCLI

Tidings.main()
