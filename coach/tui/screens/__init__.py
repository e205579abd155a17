"""The app's screens: main (drafting), rewrite, drafts, campaign, packs and help."""
