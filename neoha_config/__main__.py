from neoha_config.cli import main

raise SystemExit(main())
