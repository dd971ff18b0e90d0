"""The store answers (store/) and PRIVACY.md say what manifest.json asks
for: every permission, host and Firefox data type, and nothing else."""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = json.loads((ROOT / "manifest.json").read_text(encoding="utf-8"))
PRIVACY = (ROOT / "PRIVACY.md").read_text(encoding="utf-8")
CHROME = (ROOT / "store" / "chrome-web-store.md").read_text(encoding="utf-8")
AMO = (ROOT / "store" / "addons-mozilla-org.md").read_text(encoding="utf-8")

#: How PRIVACY.md words each Firefox data type.
DATA_TYPE_WORDS = {
    "authenticationInfo": "authentication information",
    "personallyIdentifyingInfo": "personally identifying information",
    "websiteContent": "website content",
}
#: Every data type AMO knows (extensionworkshop.com, "Firefox built-in
#: consent for data collection and transmission").
AMO_DATA_TYPES = {
    "personallyIdentifyingInfo", "healthInfo", "financialAndPaymentInfo", "authenticationInfo",
    "personalCommunications", "locationInfo", "browsingActivity", "websiteContent",
    "websiteActivity", "searchTerms", "bookmarksInfo", "technicalAndInteraction",
}


def data_collection():
    return MANIFEST["browser_specific_settings"]["gecko"]["data_collection_permissions"]


def justified_items(text: str) -> set[str]:
    """Backticked permission names that start a line (the justification headings)."""
    return set(re.findall(r"^(?:Host permission |Content script on )?`([^`]+)`\s*$", text, re.M))


def test_chrome_justifies_exactly_the_manifests_permissions_and_hosts():
    wanted = set(MANIFEST["permissions"]) | set(MANIFEST["host_permissions"])
    wanted |= {match for script in MANIFEST["content_scripts"] for match in script["matches"]}
    assert justified_items(CHROME) == wanted


def test_privacy_policy_names_every_permission_and_host():
    for name in [*MANIFEST["permissions"], *MANIFEST["host_permissions"],
                 *(m for s in MANIFEST["content_scripts"] for m in s["matches"])]:
        assert f"`{name}`" in PRIVACY, name


def test_firefox_data_types_are_amos_and_the_same_everywhere():
    declared = data_collection()
    assert set(declared) <= {"required", "optional"}
    required = declared["required"]
    assert set(required) <= AMO_DATA_TYPES and "none" not in required
    assert "technicalAndInteraction" not in required  # AMO: optional only
    # The JSON block in store/addons-mozilla-org.md is the manifest's.
    block = re.search(r"```json\n(.*?)```", AMO, re.S)[1]
    assert json.loads("{" + block + "}")["data_collection_permissions"] == declared
    # Each declared type has its row, and every other type is named as not declared.
    for data_type in AMO_DATA_TYPES:
        row = re.search(rf"^\| `{data_type}` \|", AMO, re.M)
        assert bool(row) == (data_type in required), data_type
        assert f"`{data_type}`" in AMO, data_type
    # PRIVACY.md says the same in words.
    assert set(DATA_TYPE_WORDS) == set(required)
    for words in DATA_TYPE_WORDS.values():
        assert words in " ".join(PRIVACY.split()).lower(), words


def test_chrome_data_usage_matches_firefox():
    """The same three kinds are 'yes' in the Chrome table, the rest 'no'."""
    rows = dict(re.findall(r"^\| ([A-Z][a-z ]+[a-z]) \| (\*\*yes\*\*|no) \|", CHROME, re.M))
    assert len(rows) == 9, rows
    yes = {kind for kind, answer in rows.items() if answer == "**yes**"}
    assert yes == {"Personally identifiable information", "Authentication information", "Website content"}


def test_the_ledger_bound_is_stated_the_same_way():
    for text in (PRIVACY, CHROME, (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")):
        assert "500" in text and "180 days" in text
