from secdesk.cli.main import main

raise SystemExit(main())
