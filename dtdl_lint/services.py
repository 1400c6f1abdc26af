"""The services whose requests are linted (the targets) and the limits and answers the checks of values, twins,
relationships and patches share (dtdl-v2-rules.md section 3, dtdl-v3-rules.md section 3)."""

from __future__ import annotations

TARGETS = ("adt", "iothub")  # Azure Digital Twins; IoT Hub (IoT Plug and Play digital twins)
IOTHUB_ANSWER = "ArgumentInvalid"  # IoT Hub answers every rejected digital twin request with it
MAX_BODY_BYTES = 32 * 1024  # a request body
MAX_STRING_BYTES = 4 * 1024  # a string value, in UTF-8
MAX_IOTHUB_DEPTH = 5  # levels of objects in an IoT Hub property value
IOTHUB_DTDL_VERSIONS = frozenset([2])  # the DTDL versions IoT Plug and Play documents (dtdl-v3-rules.md RT-PNP-301)
