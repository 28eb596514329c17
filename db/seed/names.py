"""Word pools the demo draws from: people, teams, meetings, customers and comments."""

# (romaji, kanji) pairs: emails use the romaji, some display names the kanji.
JAPANESE_FAMILY_NAMES: tuple[tuple[str, str], ...] = (
    ("Sato", "佐藤"), ("Suzuki", "鈴木"), ("Takahashi", "高橋"), ("Tanaka", "田中"),
    ("Ito", "伊藤"), ("Watanabe", "渡辺"), ("Yamamoto", "山本"), ("Nakamura", "中村"),
    ("Kobayashi", "小林"), ("Kato", "加藤"), ("Yoshida", "吉田"), ("Yamada", "山田"),
    ("Sasaki", "佐々木"), ("Yamaguchi", "山口"), ("Matsumoto", "松本"), ("Inoue", "井上"),
    ("Kimura", "木村"), ("Hayashi", "林"), ("Shimizu", "清水"), ("Yamazaki", "山崎"),
    ("Mori", "森"), ("Abe", "阿部"), ("Ikeda", "池田"), ("Hashimoto", "橋本"),
    ("Yamashita", "山下"), ("Ishikawa", "石川"), ("Nakajima", "中島"), ("Maeda", "前田"),
    ("Fujita", "藤田"), ("Ogawa", "小川"), ("Goto", "後藤"), ("Okada", "岡田"),
    ("Hasegawa", "長谷川"), ("Murakami", "村上"), ("Kondo", "近藤"), ("Ishii", "石井"),
    ("Saito", "斎藤"), ("Sakamoto", "坂本"), ("Endo", "遠藤"), ("Aoki", "青木"),
    ("Fujii", "藤井"), ("Nishimura", "西村"), ("Fukuda", "福田"), ("Ota", "太田"),
    ("Miura", "三浦"), ("Fujiwara", "藤原"), ("Okamoto", "岡本"), ("Matsuda", "松田"),
    ("Nakagawa", "中川"), ("Nakano", "中野"), ("Harada", "原田"), ("Ono", "小野"),
    ("Tamura", "田村"), ("Takeuchi", "竹内"), ("Kaneko", "金子"), ("Wada", "和田"),
    ("Nakayama", "中山"), ("Ishida", "石田"), ("Ueda", "上田"), ("Morita", "森田"),
)  # fmt: skip

JAPANESE_GIVEN_NAMES: tuple[tuple[str, str], ...] = (
    ("Haruto", "陽翔"), ("Yuto", "悠斗"), ("Sota", "蒼太"), ("Hiroshi", "浩"),
    ("Takashi", "隆"), ("Kenji", "健二"), ("Daisuke", "大輔"), ("Shota", "翔太"),
    ("Ren", "蓮"), ("Minato", "湊"), ("Riku", "陸"), ("Kaito", "海斗"),
    ("Takumi", "拓海"), ("Naoki", "直樹"), ("Kazuya", "和也"), ("Tomoya", "智也"),
    ("Ryota", "涼太"), ("Kenta", "健太"), ("Yusuke", "祐介"), ("Akira", "明"),
    ("Makoto", "誠"), ("Satoshi", "聡"), ("Tetsuya", "哲也"), ("Masato", "正人"),
    ("Yui", "結衣"), ("Aoi", "葵"), ("Hina", "陽菜"), ("Sakura", "さくら"),
    ("Yuna", "結菜"), ("Mio", "澪"), ("Rin", "凛"), ("Akari", "朱里"),
    ("Haruka", "遥"), ("Ayaka", "彩花"), ("Misaki", "美咲"), ("Nanami", "七海"),
    ("Mai", "舞"), ("Yuka", "由香"), ("Emi", "恵美"), ("Kana", "佳奈"),
    ("Saki", "咲"), ("Megumi", "恵"), ("Naomi", "直美"), ("Ayumi", "歩美"),
    ("Tomoko", "智子"), ("Yoko", "洋子"), ("Keiko", "恵子"), ("Mayu", "真由"),
    ("Rina", "里奈"), ("Yuki", "由紀"),
)  # fmt: skip

ENGLISH_GIVEN_NAMES: tuple[str, ...] = (
    "James", "Emily", "Michael", "Sarah", "David", "Jessica", "Daniel", "Olivia",
    "Matthew", "Sophie", "Andrew", "Emma", "Thomas", "Hannah", "Christopher", "Grace",
    "Benjamin", "Chloe", "Ryan", "Lauren", "Nathan", "Rachel", "Samuel", "Megan",
    "Jacob", "Amelia", "William", "Charlotte", "Ethan", "Isabella", "Lucas", "Mia",
    "Oliver", "Ava", "Henry", "Ella", "Jack", "Lily", "Noah", "Zoe",
)  # fmt: skip

ENGLISH_FAMILY_NAMES: tuple[str, ...] = (
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
    "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Jackson", "Thompson", "White",
    "Harris", "Clark", "Lewis", "Walker", "Hall", "Young", "Allen", "King",
    "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell",
    "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans", "Edwards", "Collins",
)  # fmt: skip

# Every user belongs to one department; bigger tenants number them ("Sales 2").
DEPARTMENTS: tuple[str, ...] = (
    "Sales", "Customer Support", "Inside Sales", "カスタマーサクセス", "Engineering",
    "Marketing", "Partner Sales", "Call Center Tier 1", "Call Center Tier 2", "Finance",
    "総務部", "Human Resources",
)  # fmt: skip

# Groups across departments; some users join one of these too.
TEAMS: tuple[str, ...] = ("On-call", "Managers", "New hires")

CUSTOMERS: tuple[str, ...] = (
    "Initech", "Umbrella Corp", "Hooli", "Soylent", "Cyberdyne", "Tyrell",
    "Wayne Enterprises", "Stark Industries", "ミライ商事", "東都物産", "さくら製作所",
    "北斗ロジスティクス",
)  # fmt: skip

MEETING_TITLES: tuple[str, ...] = (
    "Weekly sync", "1on1", "週次定例", "Product demo for {customer}",
    "Kickoff with {customer}", "Quarterly business review: {customer}", "Sprint planning",
    "採用面接", "Onboarding session", "Renewal discussion with {customer}",
    "{customer} 様 打ち合わせ", "Support escalation review",
)  # fmt: skip

MEETING_MINUTES: tuple[int, ...] = (15, 30, 30, 30, 45, 60, 60, 90)

COMMENT_BODIES: tuple[str, ...] = (
    "{mentions} could you follow up with this customer by Friday?",
    "{mentions} この件、対応をお願いできますか。",
    "Customer asked for a revised quote. {mentions} please send it today.",
    "{mentions} FYI: they will call back next week about the renewal.",
    "Great call! {mentions} let's use this one in the next training.",
    "{mentions} 折り返しのお電話をお願いします。",
    "Escalating to {mentions}: a billing question I couldn't answer.",
    "{mentions} please review the notes before the follow-up meeting.",
)

VOICEMAIL_RULES: tuple[str, ...] = (
    "After-hours voicemail",
    "Holiday voicemail",
    "Overflow voicemail",
    "Weekend voicemail",
)
