@echo off
rem The `subrelay` command line of an installed Subrelay: the app itself in its CLI mode.
"%~dp0..\..\Subrelay.exe" --cli %*
