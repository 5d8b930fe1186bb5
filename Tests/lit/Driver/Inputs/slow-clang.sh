#!/bin/sh
# A stand-in for clang that writes its output (-o FILE), then takes its time: the driver can be
# interrupted while it runs.
while [ $# -gt 0 ]; do
  if [ "$1" = "-o" ]; then : > "$2"; fi
  shift
done
exec sleep 5 > /dev/null 2>&1
