//! Chinese names for people and places. Names only have to look real to a
//! personnel section reading the files; they need not be unique (ids are the
//! keys), except county names, which are the `county` column.

use rand::seq::SliceRandom;
use rand::Rng;

use crate::domain::Gender;

/// Common surnames, most frequent first; drawn with a bias to the front of
/// the list so that 王, 李, 张 dominate as they do in any staff list.
const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任",
    "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "石", "廖", "贾", "夏", "韦", "方",
    "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "段", "雷", "侯", "龙", "史", "陶", "黎",
    "贺", "顾", "毛", "郝", "龚", "邵", "万", "严", "覃", "戴",
];

const GIVEN_FEMALE: &[&str] = &[
    "丽", "静", "敏", "燕", "艳", "娟", "霞", "芳", "婷", "玲", "洁", "琳", "颖", "雪", "慧", "倩",
    "梅", "红", "萍", "莉", "欣", "悦", "佳", "璐", "晶", "月", "兰", "雯", "瑶", "菲",
];

const GIVEN_MALE: &[&str] = &[
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华", "飞",
    "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "峰", "亮", "成", "龙", "林", "东",
];

const GIVEN_NEUTRAL: &[&str] = &[
    "文", "晓", "海", "春", "建", "志", "新", "国", "立", "家", "子", "思", "一", "永", "小", "光",
    "天", "德", "嘉", "雨", "金", "秋", "安", "清", "晨",
];

/// A person's name: a surname and one or two given-name syllables.
pub(crate) fn person<R: Rng>(rng: &mut R, gender: Gender) -> String {
    // Squaring a uniform draw favours the common surnames at the front.
    let u: f64 = rng.gen();
    let surname = SURNAMES[((u * u) * SURNAMES.len() as f64) as usize];
    let gendered = match gender {
        Gender::F => GIVEN_FEMALE,
        Gender::M => GIVEN_MALE,
    };
    let last = gendered.choose(rng).copied().unwrap_or("明");
    if rng.gen_bool(0.7) {
        let first = if rng.gen_bool(0.5) {
            GIVEN_NEUTRAL.choose(rng)
        } else {
            gendered.choose(rng)
        };
        format!("{surname}{}{last}", first.copied().unwrap_or("文"))
    } else {
        format!("{surname}{last}")
    }
}

const COUNTY_FIRST: &[&str] = &[
    "清", "青", "永", "长", "兴", "丰", "临", "白", "龙", "云", "凤", "福", "金", "宝", "华", "东",
    "南", "西", "北", "太",
];
const COUNTY_SECOND: &[&str] = &[
    "河", "山", "阳", "源", "江", "川", "林", "溪", "水", "田", "城", "泉", "宁", "化", "远", "德",
    "平", "乐", "安", "和",
];

/// The name of the `index`-th county of a data set, unique within it. The
/// `offset` (drawn from the seed) varies the names between data sets.
pub(crate) fn county(index: usize, offset: usize) -> String {
    let pairs = COUNTY_FIRST.len() * COUNTY_SECOND.len();
    let k = (index + offset) % pairs;
    let (first, second) = (k % COUNTY_FIRST.len(), k / COUNTY_FIRST.len());
    // Shifting the second syllable by the first walks every pair once.
    let second = (second + first) % COUNTY_SECOND.len();
    let base = format!("{}{}", COUNTY_FIRST[first], COUNTY_SECOND[second]);
    match index / pairs {
        0 => format!("{base}县"),
        round => format!("{base}{}县", round + 1),
    }
}

const PLACE_CHARS: &[&str] = &[
    "石", "桥", "坪", "岭", "塘", "湾", "冲", "坝", "口", "沟", "家", "庄", "集", "铺", "店", "营",
    "寨", "溪", "岗", "坡", "湖", "滩", "峪", "园", "关", "马", "牛", "柳", "杨", "枣", "梨", "松",
    "竹", "桃", "杏", "黄", "红", "青", "新", "高", "上", "下", "大", "小", "前", "后", "中", "王",
    "李", "刘", "张", "陈", "周", "何", "双", "三", "五", "官", "龙", "凤",
];

/// A two-syllable place name for a town (镇) or a village (村).
pub(crate) fn place<R: Rng>(rng: &mut R) -> String {
    let a = PLACE_CHARS.choose(rng).copied().unwrap_or("石");
    let mut b = PLACE_CHARS.choose(rng).copied().unwrap_or("桥");
    if a == b {
        b = "坪";
    }
    format!("{a}{b}")
}

/// A Chinese numeral for 1..=99 (一, 十二, 二十六), as in 第二十六小学.
pub(crate) fn numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n == 10 { "" } else { DIGITS[n - 10] }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn county_names_are_unique_within_a_data_set() {
        let names: std::collections::BTreeSet<String> = (0..900).map(|i| county(i, 37)).collect();
        assert_eq!(names.len(), 900);
    }

    #[test]
    fn numerals_read_as_chinese() {
        assert_eq!(numeral(1), "一");
        assert_eq!(numeral(10), "十");
        assert_eq!(numeral(12), "十二");
        assert_eq!(numeral(26), "二十六");
        assert_eq!(numeral(30), "三十");
    }
}
