"""Browser-session collectors: a real Chromium opens the pages, we keep the JSON they fetch.

小红书, 抖音, B站 and 知乎 sign their API calls in the page's own JavaScript. Instead of
re-implementing the signatures, these collectors drive the Debian Chromium over CDP (Playwright),
logged in with the operator's own profile or cookies, and read the responses the pages receive.
"""
