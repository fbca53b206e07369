#!/usr/bin/python3
"""test_page.py: the web page of `tptriage serve` in a real browser.

Starts the server on a free port, drives headless Chromium through
chromedriver (python3-selenium), and checks that
  - a calm path (every warning sign answered no, the checklists with nothing
    ticked) reaches a final result with
    the level, the conclusions' reasons and sources, a working "Why?", the
    disclaimer, and no emergency banner;
  - answering a red flag shows the emergency banner at once;
  - "Back" takes the last answer back;
  - the page holds no inline script and nothing from elsewhere, and works at
    360 px wide (no horizontal scrolling).
Screenshots go to $TP_SCREENSHOTS (or a temporary folder), named in the
output. Also: the first screen's "so far" box does not say the least urgent
level before any warning sign is answered (it shows what the interview step
says), and "stop pressing" appears as a banner the moment sharp pain on
pressure is answered yes. A missing chromium, chromedriver or selenium FAILS
the test (they are in the README's install line): a skipped page is not a
tested page. Usage: test_page.py TPTRIAGE [SOURCE_DIR]
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import json
import urllib.request


def skip(why):
    print("FAIL: " + why + " (apt-get install chromium chromium-driver python3-selenium)")
    sys.exit(1)


try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    skip("python3-selenium is not installed")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
if not CHROMIUM or not DRIVER:
    skip("chromium and chromium-driver are needed")

AXE = sys.argv[3] if len(sys.argv) > 3 else os.environ.get("TP_AXE", "")
if not AXE or not os.path.isfile(AXE):
    print("FAIL: axe-core is not installed at %r (tests/web/setup.sh BUILD_DIR runs npm install "
          "axe-core; it needs nodejs and npm)" % AXE)
    sys.exit(1)

tp = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TPTRIAGE")
if not tp:
    sys.exit("usage: test_page.py TPTRIAGE [SOURCE_DIR]")
src = sys.argv[2] if len(sys.argv) > 2 else os.environ.get("TP_SOURCE_DIR", ".")
shots = os.environ.get("TP_SCREENSHOTS") or tempfile.mkdtemp(prefix="tp-web-")
os.makedirs(shots, exist_ok=True)
log = tempfile.NamedTemporaryFile(prefix="tp-serve-", suffix=".log", delete=False)

server = subprocess.Popen(
    [tp, "serve", "--listen", "127.0.0.1:0", "--threads", "2", "--kb", src],
    stderr=log, stdout=subprocess.DEVNULL)
port = None
for _ in range(200):
    with open(log.name) as f:
        m = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", f.read())
    if m:
        port = m.group(1)
        break
    if server.poll() is not None:
        break
    time.sleep(0.05)
if not port:
    server.kill()
    sys.exit("FAIL: the server did not start: " + open(log.name).read())
base = "http://127.0.0.1:%s/" % port

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what)


opts = webdriver.ChromeOptions()
opts.binary_location = CHROMIUM
for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
    opts.add_argument(a)
# a phone 360 px wide (a desktop window cannot be made that narrow)
opts.add_experimental_option("mobileEmulation",
                             {"deviceMetrics": {"width": 360, "height": 780, "pixelRatio": 1}})
try:
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
except Exception as e:  # a browser that cannot start here is not a failure of the page
    server.kill()
    skip("chromium did not start: %s" % str(e).splitlines()[0])
wait = WebDriverWait(driver, 10)
driver.set_script_timeout(30)


def visible(id_):
    return driver.find_element(By.ID, id_).is_displayed()


AXE_JS = open(AXE).read() if AXE else ""


def axe(what):
    """axe-core over the page as it is now: no violation."""
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(AXE_JS)
    res = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document).then(function (r) { done(r.violations.map(function (v) {"
        "  return v.id + ': ' + v.help + ' (' + v.nodes.length + ')'; })); },"
        " function (e) { done(['axe failed: ' + e]); });")
    check(res == [], "axe-core finds no violation on %s: %s" % (what, res))


def start_again():
    """Start again, confirming that the answers may go."""
    driver.find_element(By.ID, "restart" if visible("question") else "res-restart").click()
    if visible("confirm"):
        driver.find_element(By.ID, "confirm-yes").click()


def current_question():
    wait.until(lambda d: visible("question") or visible("result"))
    if visible("result"):
        return None
    return driver.find_element(By.ID, "q-text").text


exclusive_seen = []


def answer_calm():
    """Answers the question shown the calm way: "No" where there is one,
    else the first choice; 35 for the age, the least allowed for another
    number (days so far)."""
    text = current_question()
    if text is None:
        return False
    if driver.find_element(By.ID, "question").get_attribute("data-group"):
        # a checklist: nothing applies
        driver.find_element(By.CSS_SELECTOR, "#choices button[type=submit]").click()
        wait.until(lambda d: visible("result") or d.find_element(By.ID, "q-text").text != text)
        return True
    choices = driver.find_elements(By.CSS_SELECTOR, "#choices button.choice")
    boxes = driver.find_elements(By.CSS_SELECTOR, "#choices input[type=checkbox]")
    number = driver.find_elements(By.CSS_SELECTOR, "#choices input[type=number]")
    if choices:
        no = [b for b in choices if b.get_attribute("data-value") in ("no", "not-tried")]
        (no[0] if no else choices[0]).click()
    elif boxes:
        none = [b for b in boxes if b.get_attribute("value") == "none"]
        if none and none[0] != boxes[0]:
            # an exclusive value (/v1/questions' "exclusive") unticks the others, and back
            boxes[0].click()
            none[0].click()
            check(none[0].is_selected() and not boxes[0].is_selected(),
                  "ticking None of these unticks the other boxes")
            boxes[0].click()
            check(boxes[0].is_selected() and not none[0].is_selected(),
                  "ticking a box unticks None of these")
            exclusive_seen.append(True)
            boxes[0].click()  # the answer below ticks it again
        boxes[0].click()
        driver.find_element(By.CSS_SELECTOR, "#choices button[type=submit]").click()
    else:
        low, high = int(number[0].get_attribute("min")), int(number[0].get_attribute("max"))
        qid = driver.find_element(By.ID, "question").get_attribute("data-question")
        number[0].send_keys("35" if qid == "age" and low <= 35 <= high else str(low))
        driver.find_element(By.CSS_SELECTOR, "#choices button[type=submit]").click()
    wait.until(lambda d: visible("result") or d.find_element(By.ID, "q-text").text != text)
    return True


try:
    driver.get(base)
    wait.until(lambda d: visible("question"))
    first = current_question()
    check(bool(first), "a first question is shown")
    check(driver.find_element(By.ID, "disclaimer").text != "", "the disclaimer is shown")
    check(bool(driver.find_element(By.ID, "question").get_attribute("data-group")),
          "the warning signs come as a checklist")
    labels = [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#choices label")]
    check("Not sure" in labels, "items offer Not sure (%s)" % labels)
    # how "not sure" counts is on the page, not in a tooltip
    check(visible("q-unsure") and "yes" in driver.find_element(By.ID, "q-unsure").text.lower(),
          "the checklist says how not sure counts (%r)" % driver.find_element(By.ID, "q-unsure").text)
    names = [u.get_attribute("aria-label") for u in
             driver.find_elements(By.CSS_SELECTOR, "#choices input[id^=u]")]
    check(len(names) > 1 and len(set(names)) == len(names) and all(names),
          "each Not sure box has its own name (%s)" % names)
    check(visible("none"), "a None of these button")
    # help per item: ? on an item shows it
    driver.find_element(By.ID, "g0").send_keys("?")
    wait.until(lambda d: visible("h0"))
    check(driver.find_element(By.ID, "h0").text != "", "? on an item shows its help")
    driver.find_element(By.ID, "g0").send_keys("?")
    wait.until(lambda d: not visible("h0"))
    driver.find_element(By.ID, "q-text").click()
    axe("the first checklist")
    driver.save_screenshot(os.path.join(shots, "1-first-question.png"))

    # Back: answer one, go back, the first question again
    answer_calm()
    driver.find_element(By.ID, "back").click()
    wait.until(lambda d: d.find_element(By.ID, "q-text").text == first)
    check(True, "back")

    # None of these: one action answers the checklist
    driver.find_element(By.ID, "none").click()
    wait.until(lambda d: d.find_element(By.ID, "q-text").text != first)
    second = driver.find_element(By.ID, "q-text").text
    check(True, "none of these")
    # the answers survive a reload
    driver.refresh()
    wait.until(lambda d: visible("question") and d.find_element(By.ID, "q-text").text == second)
    check(driver.find_element(By.ID, "progress").text.startswith("Answered 5"),
          "a reload keeps the answers (%r)" % driver.find_element(By.ID, "progress").text)
    # a digit and Enter: tick an item and go on (two key presses)
    webdriver.ActionChains(driver).send_keys("1").perform()
    wait.until(lambda d: d.find_element(By.ID, "g0").is_selected())
    webdriver.ActionChains(driver).send_keys(Keys.ENTER).perform()
    wait.until(lambda d: d.find_element(By.ID, "q-text").text != second)
    check(True, "a digit and Enter")
    # Start again asks before the answers go
    driver.find_element(By.ID, "restart").click()
    wait.until(lambda d: visible("confirm"))
    driver.find_element(By.ID, "confirm-no").click()
    check(not visible("confirm") and visible("question"), "Keep them keeps the answers")
    start_again()
    wait.until(lambda d: visible("question") and d.find_element(By.ID, "q-text").text == first)

    steps = 0
    while answer_calm():
        steps += 1
        check(not visible("alert"), "no banner on a calm path (step %d)" % steps)
        if steps > 60:
            check(False, "the calm path ends")
            break
    check(visible("result"), "a final result is shown")
    title = driver.find_element(By.ID, "res-title").text
    check(title != "", "the result names the level")
    items = driver.find_elements(By.CSS_SELECTOR, "#res-lists .item")
    check(len(items) > 1, "the result lists conclusions")
    check(any(s.text.startswith("Source:") for s in
              driver.find_elements(By.CSS_SELECTOR, "#res-lists .source")),
          "conclusions carry their source")
    why = driver.find_elements(By.CSS_SELECTOR, "#res-lists button.why")
    why[-1].click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".explain")[-1].text not in ("", "…"))
    check(driver.find_elements(By.CSS_SELECTOR, ".explain")[-1].text != "", "Why? explains")
    width = driver.execute_script("return [document.documentElement.scrollWidth, innerWidth]")
    check(width[0] <= width[1] <= 360, "no horizontal scrolling at 360 px (%s)" % width)
    check(not visible("res-call"), "no number to call on a calm result")
    axe("the calm result")
    driver.save_screenshot(os.path.join(shots, "2-calm-result.png"))
    # printed: the result, no buttons
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    check(not driver.find_element(By.ID, "res-restart").is_displayed() and visible("result"),
          "the print stylesheet hides the buttons and keeps the result")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    check(exclusive_seen == [True], "the calm path met one multi question with an exclusive value")
    print("calm path: %d answers, result: %s" % (steps, title))

    # A red flag: the banner at once
    driver.find_element(By.ID, "res-restart").click()
    wait.until(lambda d: visible("confirm"))
    driver.find_element(By.ID, "confirm-yes").click()
    wait.until(lambda d: visible("question") and d.find_element(By.ID, "q-text").text == first)
    check(not visible("alert"), "no banner after starting again")
    driver.find_element(By.ID, "g0").click()  # the first emergency sign applies
    driver.find_element(By.CSS_SELECTOR, "#choices button[type=submit]").click()
    wait.until(lambda d: visible("alert"))
    check(driver.find_element(By.ID, "alert-title").text != "", "the banner names the level")
    call = driver.find_element(By.ID, "alert-call")
    check(call.is_displayed() and (call.get_attribute("href") or "").startswith("tel:"),
          "the banner's main action is a tel: call button (%r)" % call.get_attribute("href"))
    check(re.search(r"\d", call.text) is not None, "the call button names the number (%r)" % call.text)
    if visible("result"):
        check(visible("res-call"), "the result's main action is the call button")
        check("secondary" in driver.find_element(By.ID, "res-restart").get_attribute("class"),
              "Start again is not the main action after an emergency")
    axe("the emergency banner")
    driver.save_screenshot(os.path.join(shots, "3-red-flag.png"))

    # keyboard: the digit keys choose
    start_again()
    wait.until(lambda d: not visible("alert") and d.find_element(By.ID, "q-text").text == first)
    webdriver.ActionChains(driver).send_keys("2").perform()
    wait.until(lambda d: d.find_element(By.ID, "g1").is_selected())
    check(not driver.find_element(By.ID, "g0").is_selected(), "key 2 ticks item 2 only")

    # The first screen's "so far" is the step's level, never the least urgent
    # one while the warning signs are open (issue 22).
    start_again()
    wait.until(lambda d: visible("question") and not d.find_element(By.ID, "g1").is_selected())
    levels = json.load(urllib.request.urlopen(base + "v1/kb"))["levels"]
    calm = max(levels, key=lambda l: l["rank"])["title"]
    wait.until(lambda d: visible("provisional"))
    prov = driver.find_element(By.ID, "prov-text").text
    check(not prov.startswith(calm), "the first screen does not say %r (%r)" % (calm, prov))
    driver.save_screenshot(os.path.join(shots, "4-first-so-far.png"))

    # Stop pressing: a banner at once, from the answer that raises it.
    for _ in range(60):
        if driver.find_element(By.ID, "question").get_attribute("data-question") == \
                "sharp-pain-on-pressure":
            break
        check(not visible("stop"), "no stop banner before the answer")
        if not answer_calm():
            break
    check(driver.find_element(By.ID, "question").get_attribute("data-question") ==
          "sharp-pain-on-pressure", "the pressure question is reached")
    [b for b in driver.find_elements(By.CSS_SELECTOR, "#choices button.choice")
     if b.get_attribute("data-value") == "yes"][0].click()
    wait.until(lambda d: visible("stop"))
    check(driver.find_element(By.ID, "stop-text").text != "", "the stop banner says what to do")
    driver.save_screenshot(os.path.join(shots, "5-stop-pressing.png"))

    html = driver.page_source
    check("<script>" not in html, "no inline script")
    check(not re.search(r'(src|href)="https?://', html), "nothing from elsewhere")
    logs = driver.get_log("browser") if hasattr(driver, "get_log") else []
    csp = [entry for entry in logs if "Content Security Policy" in entry.get("message", "")]
    check(not csp, "no CSP violation (%s)" % csp)
finally:
    driver.quit()
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=10)
    os.unlink(log.name)

print("screenshots in " + shots)
if failures:
    sys.exit(1)
print("ok")
