from neoha_config.cli import entry

entry()
