#!/usr/bin/env python3
"""Writes models/lexicons/countries.tsv from Debian's iso-codes package.

Usage: python3 tools/make_country_lexicon.py > models/lexicons/countries.tsv
Columns: canonical name <TAB> alpha-2 <TAB> other names (|-separated)
         <TAB> demonyms: adjectives and nouns for the people (|-separated).
The canonical name is the name news text writes ("Russia" rather than
"Russian Federation"): ISO's common_name where it has one, else our override.
Demonyms are not in iso-codes; the table below is written by hand.
"""
import json

# ISO name -> the name news text uses.
COMMON = {
    "Russian Federation": "Russia",
    "Congo, The Democratic Republic of the": "Democratic Republic of the Congo",
    "Palestine, State of": "Palestine",
    "Türkiye": "Turkey",
    "Micronesia, Federated States of": "Micronesia",
    "Holy See (Vatican City State)": "Vatican City",
    "Virgin Islands, U.S.": "U.S. Virgin Islands",
    "Virgin Islands, British": "British Virgin Islands",
}
# Extra short names and abbreviations seen in news.
EXTRA = {
    "United States": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain"],
    "Russia": ["Russian Federation"],
    "China": ["People's Republic of China", "PRC", "mainland China", "Chinese mainland"],
    "Czechia": ["Czech Republic"],
    "South Korea": ["Republic of Korea", "ROK"],
    "North Korea": ["DPRK"],
    "United Arab Emirates": ["UAE"],
    "Turkey": ["Türkiye", "Republic of Turkey"],
    "Myanmar": ["Burma"],
    "Netherlands": ["Holland", "The Netherlands"],
    "Democratic Republic of the Congo": ["DR Congo", "DRC"],
    "Ivory Coast": [],
    "Kyrgyzstan": ["Kyrgyz Republic"],
}
# Canonical name -> demonyms (adjective first, then nouns for the people).
DEMONYMS = {
    "Afghanistan": "Afghan|Afghans", "Albania": "Albanian|Albanians", "Algeria": "Algerian|Algerians",
    "Angola": "Angolan|Angolans", "Argentina": "Argentine|Argentinian|Argentines|Argentinians",
    "Armenia": "Armenian|Armenians", "Australia": "Australian|Australians", "Austria": "Austrian|Austrians",
    "Azerbaijan": "Azerbaijani|Azeri|Azerbaijanis|Azeris", "Bahrain": "Bahraini|Bahrainis",
    "Bangladesh": "Bangladeshi|Bangladeshis", "Belarus": "Belarusian|Belarusians",
    "Belgium": "Belgian|Belgians", "Bolivia": "Bolivian|Bolivians", "Bosnia and Herzegovina": "Bosnian|Bosnians",
    "Brazil": "Brazilian|Brazilians", "Bulgaria": "Bulgarian|Bulgarians", "Cambodia": "Cambodian|Cambodians",
    "Cameroon": "Cameroonian|Cameroonians", "Canada": "Canadian|Canadians", "Chile": "Chilean|Chileans",
    "China": "Chinese", "Colombia": "Colombian|Colombians", "Croatia": "Croatian|Croat|Croats|Croatians",
    "Cuba": "Cuban|Cubans", "Cyprus": "Cypriot|Cypriots", "Czechia": "Czech|Czechs",
    "Denmark": "Danish|Danes", "Ecuador": "Ecuadorian|Ecuadorians", "Egypt": "Egyptian|Egyptians",
    "Estonia": "Estonian|Estonians", "Ethiopia": "Ethiopian|Ethiopians", "Finland": "Finnish|Finns",
    "France": "French", "Georgia": "Georgian|Georgians", "Germany": "German|Germans", "Ghana": "Ghanaian|Ghanaians",
    "Greece": "Greek|Greeks", "Hungary": "Hungarian|Hungarians", "Iceland": "Icelandic|Icelanders",
    "India": "Indian|Indians", "Indonesia": "Indonesian|Indonesians", "Iran": "Iranian|Iranians",
    "Iraq": "Iraqi|Iraqis", "Ireland": "Irish", "Israel": "Israeli|Israelis", "Italy": "Italian|Italians",
    "Japan": "Japanese", "Jordan": "Jordanian|Jordanians", "Kazakhstan": "Kazakh|Kazakhstani|Kazakhs",
    "Kenya": "Kenyan|Kenyans", "Kuwait": "Kuwaiti|Kuwaitis", "Kyrgyzstan": "Kyrgyz|Kyrgyzstanis",
    "Laos": "Lao|Laotian|Laotians", "Latvia": "Latvian|Latvians", "Lebanon": "Lebanese",
    "Libya": "Libyan|Libyans", "Lithuania": "Lithuanian|Lithuanians", "Malaysia": "Malaysian|Malaysians",
    "Mali": "Malian|Malians", "Mexico": "Mexican|Mexicans", "Moldova": "Moldovan|Moldovans",
    "Mongolia": "Mongolian|Mongolians", "Morocco": "Moroccan|Moroccans", "Myanmar": "Myanmar|Burmese",
    "Nepal": "Nepali|Nepalese", "Netherlands": "Dutch", "New Zealand": "New Zealander|New Zealanders",
    "Nigeria": "Nigerian|Nigerians", "North Korea": "North Korean|North Koreans", "Norway": "Norwegian|Norwegians",
    "Oman": "Omani|Omanis", "Pakistan": "Pakistani|Pakistanis", "Palestine": "Palestinian|Palestinians",
    "Peru": "Peruvian|Peruvians", "Philippines": "Filipino|Philippine|Filipinos", "Poland": "Polish|Poles",
    "Portugal": "Portuguese", "Qatar": "Qatari|Qataris", "Romania": "Romanian|Romanians",
    "Russia": "Russian|Russians", "Saudi Arabia": "Saudi|Saudis", "Serbia": "Serbian|Serb|Serbs|Serbians",
    "Singapore": "Singaporean|Singaporeans", "Slovakia": "Slovak|Slovaks", "Slovenia": "Slovenian|Slovenians",
    "Somalia": "Somali|Somalis", "South Africa": "South African|South Africans",
    "South Korea": "South Korean|South Koreans", "Spain": "Spanish|Spaniards", "Sri Lanka": "Sri Lankan|Sri Lankans",
    "Sudan": "Sudanese", "Sweden": "Swedish|Swedes", "Switzerland": "Swiss", "Syria": "Syrian|Syrians",
    "Taiwan": "Taiwanese", "Tajikistan": "Tajik|Tajikistani|Tajiks", "Tanzania": "Tanzanian|Tanzanians",
    "Thailand": "Thai", "Tunisia": "Tunisian|Tunisians", "Turkey": "Turkish|Turks",
    "Turkmenistan": "Turkmen", "Uganda": "Ugandan|Ugandans", "Ukraine": "Ukrainian|Ukrainians",
    "United Arab Emirates": "Emirati|Emiratis", "United Kingdom": "British|Britons",
    "United States": "American|Americans", "Uruguay": "Uruguayan|Uruguayans",
    "Uzbekistan": "Uzbek|Uzbeks", "Venezuela": "Venezuelan|Venezuelans", "Vietnam": "Vietnamese",
    "Yemen": "Yemeni|Yemenis", "Zambia": "Zambian|Zambians", "Zimbabwe": "Zimbabwean|Zimbabweans",
}

with open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8") as f:
    entries = json.load(f)["3166-1"]

rows = []
for e in entries:
    iso = e.get("common_name", e["name"])
    canonical = COMMON.get(iso, iso)
    names = {e["name"], e.get("official_name", ""), iso} | set(EXTRA.get(canonical, []))
    others = sorted(n for n in names if n and n != canonical)
    rows.append((canonical, e["alpha_2"], "|".join(others), DEMONYMS.get(canonical, "")))

print("# canonical_name\talpha_2\taliases\tdemonyms  (generated by tools/make_country_lexicon.py from iso-codes)")
for r in sorted(rows):
    print("\t".join(r))
