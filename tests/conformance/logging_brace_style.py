# basicConfig(style="{"): the format's fields as str.format reads them, with a width.
import logging
logging.basicConfig(style="{", format="{levelname:<8} {name}: {message}", level=logging.DEBUG)
logging.debug("braces")
logging.getLogger("svc").info("value %s", 5)
