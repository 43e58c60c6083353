from trackrecord.cli import main

raise SystemExit(main())
