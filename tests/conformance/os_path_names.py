# os.path's arithmetic on the file names a downloader's threads work on, and os.getenv with a
# default (for a variable no one sets).
import os
import os.path
import threading
from os.path import basename, join, splitext

urls = [
    "https://example.com/images/cat.large.jpg",
    "https://example.com/docs/report.pdf",
    "https://example.com/archive/.hidden",
    "https://example.com/data/",
]
saved = {}
lock = threading.Lock()


def download(url):
    name = basename(url) or "index.html"
    root, extension = splitext(name)
    with lock:
        saved[url] = (join("downloads", extension.lstrip(".") or "other", name), root)


threads = [threading.Thread(target=download, args=(url,)) for url in urls]
for t in threads:
    t.start()
for t in threads:
    t.join()
for url in urls:
    print(saved[url])

print(os.path.split("/var/log/app.log"), os.path.dirname("/var/log/"), os.path.dirname("file"))
print(join("/a", "b", "/c", "d"), join("a/", "b"), join("a", ""), os.path.isabs("/x"))
print(splitext("archive.tar.gz"), splitext("..."), splitext("dir.d/file"), os.sep)
print(os.getenv("THREADPLAY_SURELY_UNSET_VARIABLE", "4"), os.getenv("THREADPLAY_SURELY_UNSET_VARIABLE"))
