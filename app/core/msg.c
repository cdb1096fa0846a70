#include "core/msg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Writing the Chinese texts: they are read by the staff of a 机关党委, not
 * by programmers. Say what is wrong in plain words, then what to do
 * ("请…"); quote values with “”, keep field names and examples in ASCII so
 * they can be copied into a file as they are. Separate the two halves with
 * "；" (English: "; "). */

struct msg_entry {
    const char *name;
    enum msg_class cls;
    const char *text[MSG_LANG_COUNT];
};

#define E(id, cls, en, zh) [id] = { #id, cls, { en, zh } }
#define PART MSG_CLASS_PART
#define EDIT MSG_CLASS_EDITOR
#define SYS MSG_CLASS_SYSTEM
#define TOOL MSG_CLASS_TOOL

static const struct msg_entry table[MSG_COUNT] = {
    /* ---- pieces ---------------------------------------------------------- */
    E(MSG_PREFIX_FIELD, PART, "field \"%s\": ", "字段 \"%s\"："),
    E(MSG_PREFIX_PATH, PART, "%s: ", "%s："),
    E(MSG_PREFIX_COLUMN, PART, "column \"%s\": ", "列 \"%s\"："),
    E(MSG_PATH_WHOLE_FEED, PART, "feed", "整个文件"),
    E(MSG_PATH_SYNTAX, PART, "syntax", "JSON 语法"),
    E(MSG_LIST_SEP, PART, ", ", "、"),
    E(MSG_WORD_OBJECT, PART, "an object", "对象 {…}"),
    E(MSG_WORD_ARRAY, PART, "an array", "列表 […]"),
    E(MSG_WORD_STRING, PART, "a string", "字符串"),
    E(MSG_WORD_INTEGER, PART, "a whole number", "整数"),
    E(MSG_WORD_REAL, PART, "a decimal number", "小数"),
    E(MSG_WORD_BOOL, PART, "true/false", "真假值 true/false"),
    E(MSG_WORD_NULL, PART, "null", "空值 null"),
    E(MSG_WORD_VALUE, PART, "a value", "某个值"),
    E(MSG_WORD_MAXIM, PART, "maxim", "廉语"),
    E(MSG_WORD_CASE, PART, "case", "警示案例"),
    E(MSG_WORD_STORY, PART, "story", "身边典型"),
    E(MSG_FIELD_BODY_IMAGE, PART, "body image", "正文图片"),
    E(MSG_ERRNO_ENOENT, PART, "No such file or directory", "文件或文件夹不存在"),
    E(MSG_ERRNO_EACCES, PART, "Permission denied", "没有访问权限"),
    E(MSG_ERRNO_ENOTDIR, PART, "Not a directory", "路径中有一段不是文件夹"),
    E(MSG_ERRNO_EISDIR, PART, "Is a directory", "这是一个文件夹"),
    E(MSG_ERRNO_ENOSPC, PART, "No space left on device", "磁盘已满"),
    E(MSG_ERRNO_EROFS, PART, "Read-only file system", "磁盘只能读、不能写"),
    E(MSG_ERRNO_ENAMETOOLONG, PART, "File name too long", "文件名太长"),

    /* ---- the content source ---------------------------------------------- */
    E(MSG_SRC_NOT_KEY_VALUE, EDIT,
      "line is not \"key: value\"; write each header line as key: value, or start a comment with #",
      "这一行不是“字段名: 内容”的格式；头部的每一行请写成“字段名: 内容”（如 title: 标题），说明文字请以 # 开头"),
    E(MSG_SRC_UNKNOWN_FIELD, EDIT,
      "unknown field; use one of %s",
      "没有这个字段，可能是拼写错误；可用的字段有：%s"),
    E(MSG_SRC_FIELD_TWICE, EDIT,
      "given twice (first on line %d); keep only one",
      "写了两次（第一次在第 %d 行）；请只保留一行"),
    E(MSG_SRC_QUOTE_UNCLOSED, EDIT,
      "the quote is not closed; end the value with \"",
      "引号没有配对；请在内容末尾补上英文双引号 \""),
    E(MSG_SRC_BAD_UTF8, EDIT,
      "text is not valid UTF-8 (byte 0x%02x); save the file as UTF-8 (in WPS or Notepad: Save As, encoding UTF-8)",
      "文件不是 UTF-8 编码（有问题的字节是 0x%02x）；请把文件另存为 UTF-8 编码（在 WPS 或记事本中选“另存为”，编码选 UTF-8）"),
    E(MSG_SRC_NO_HEADER, EDIT,
      "no header; start the file with a line \"---\", then the fields, then \"---\"",
      "文件开头没有头部；请在第一行写“---”，接着逐行写字段，再写一行“---”结束头部"),
    E(MSG_SRC_HEADER_NOT_CLOSED, EDIT,
      "the header is not closed; add a line \"---\" after the last field",
      "头部没有结束；请在最后一个字段的下一行加一行“---”"),
    E(MSG_SRC_INI_TOO_LARGE, EDIT,
      "file is larger than 64 KiB; keep only the [feed] settings in it",
      "文件超过 64 KiB；请只在其中保留 [feed] 下面的几项设置"),
    E(MSG_SRC_INI_UNKNOWN_SECTION, EDIT,
      "unknown section %s; put the settings under [feed]",
      "没有 %s 这一节；请把设置写在 [feed] 下面"),
    E(MSG_SRC_INI_NOT_KEY_VALUE, EDIT,
      "line is not \"key = value\"; write settings as title = 清风 内容",
      "这一行不是“名称 = 内容”的格式；请写成 title = 清风 内容 这样的形式"),
    E(MSG_SRC_INI_UNKNOWN_SETTING, EDIT,
      "unknown setting; use one of title, home_page_url, language, description",
      "没有这个设置项，可能是拼写错误；可用的设置项有：title、home_page_url、language、description"),
    E(MSG_SRC_INI_TWICE, EDIT,
      "given twice; keep only one",
      "写了两次；请只保留一行"),
    E(MSG_SRC_PAGE_HEADING_EMPTY, EDIT,
      "page heading is empty; write the page title after \"## \"",
      "分页标题是空的；请在“## ”后面写上这一页的标题"),
    E(MSG_SRC_PAGE_EMPTY, EDIT,
      "page \"%s\" is empty; write text under the heading or remove it",
      "“%s”这一页没有内容；请在这个标题下面写上正文，或者删去这个标题"),
    E(MSG_SRC_MISSING_TITLE, EDIT,
      "missing; add a line \"title: ...\" to the header",
      "缺少标题；请在头部加一行“title: 标题”"),
    E(MSG_SRC_MISSING_LEAD, EDIT,
      "missing; add a line \"lead: ...\" to the header",
      "缺少导语；请在头部加一行“lead: 一两句导语”，轮播卡片上会显示它"),
    E(MSG_SRC_MISSING_AUTHOR, EDIT,
      "missing; add a line \"author: 包拯\" to the header",
      "缺少作者；请在头部加一行“author: 作者姓名”，如“author: 包拯”"),
    E(MSG_SRC_MISSING_IMAGE, EDIT,
      "missing; add a line \"image: images/....svg\" to the header",
      "缺少图片，身边典型必须配图；请把图片放进 images 文件夹，并在头部加一行“image: images/图片文件名.jpg”"),
    E(MSG_SRC_ID_INVALID, EDIT,
      "\"%s\" is not a valid id; use lower-case letters a-z, digits, - and _ (start with a letter or digit, at most %d)",
      "“%s”不能用作编号；编号只能用小写英文字母 a-z、数字、- 和 _，以字母或数字开头，最多 %d 个字符"),
    E(MSG_SRC_ID_FROM_FILE, EDIT,
      "the file name \"%s\" cannot be an id; add a line \"id: ...\" with lower-case letters a-z, digits, - and _, or rename the file",
      "文件名“%s”不能直接用作编号；请在头部加一行“id: 编号”（只用小写英文字母 a-z、数字、- 和 _），或者把文件改成英文名"),
    E(MSG_SRC_ID_DUPLICATE, EDIT,
      "\"%s\" is already used by %s; choose another id",
      "编号“%s”已经被 %s 使用；请换一个编号"),
    E(MSG_SRC_WEIGHT_NOT_INT, EDIT,
      "\"%s\" is not a whole number; use 1 to 10",
      "“%s”不是整数；请填写 1 到 10 之间的整数"),
    E(MSG_SRC_IMAGE_UNSAFE, EDIT,
      "\"%s\" is not a safe path; write a path inside %s/ such as images/lotus.svg (no \"..\", no leading /, no \\, no URL)",
      "“%s”不能用作图片路径；请填写 %s/ 里面的相对路径，如 images/lotus.svg（不能含“..”，不能以 / 开头，不能有 \\，不能是网址）"),
    E(MSG_SRC_IMAGE_NOT_PICTURE, EDIT,
      "\"%s\" is not a picture the kiosk shows; use an .svg, .png or .jpg file",
      "“%s”不是屏幕能显示的图片；请使用 .svg、.png 或 .jpg 格式的图片"),
    E(MSG_SRC_IMAGE_NOT_FOUND, EDIT,
      "file %s not found under %s/; check the name",
      "找不到图片 %s（在 %s/ 文件夹里找）；请检查文件名是否写对、图片是否已经放进去"),
    E(MSG_SRC_TOO_LARGE, EDIT,
      "file is larger than %u MiB; split it into several items",
      "文件超过 %u MiB；请把它拆成几条内容分别保存"),
    E(MSG_SRC_BODY_EMPTY_SAYING, EDIT,
      "the body is empty; write the saying below the closing \"---\"",
      "正文是空的；请在头部结束的“---”下面写上这句廉语"),
    E(MSG_SRC_BODY_EMPTY_TEXT, EDIT,
      "the body is empty; write the text below the closing \"---\"",
      "正文是空的；请在头部结束的“---”下面写上正文"),
    E(MSG_SRC_NOT_A_FOLDER, EDIT,
      "not a folder; give the content folder, e.g. content/",
      "不是文件夹；请给出内容源文件夹，如 content/"),
    E(MSG_SRC_NO_ITEMS, EDIT,
      "no items; add Markdown files under maxims/, cases/ or stories/",
      "没有任何内容；请在 maxims/、cases/ 或 stories/ 文件夹中添加 .md 文件"),
    E(MSG_SRC_PICTURE_TOO_LARGE, EDIT,
      "file is larger than %u MiB; use a smaller picture",
      "图片超过 %u MiB；请换一张小一些的图片（长边 1200 到 2400 像素即可）"),

    /* ---- pictures in the body ---------------------------------------------- */
    E(MSG_SRC_BODY_IMAGE_REMOTE, EDIT,
      "\"%s\" is a web address, but the kiosk works offline and shows only pictures shipped with the feed; "
      "save the picture in %s/images/ and write its path, e.g. ![caption](images/name.svg)",
      "“%s”是网上的地址，展示屏离线运行，只显示随内容包发布的图片；"
      "请把图片保存到 %s/images/ 文件夹，再写成 ![说明](images/图片文件名.svg) 这样的路径"),
    E(MSG_SRC_BODY_IMAGE_UNSAFE, EDIT,
      "\"%s\" is not a safe path; write a path inside %s/ such as ![caption](images/lotus.svg) "
      "(no \"..\", no leading /, no \\)",
      "“%s”不能用作图片路径；请填写 %s/ 里面的相对路径，如 ![说明](images/lotus.svg)"
      "（不能含“..”，不能以 / 开头，不能有 \\）"),
    E(MSG_SRC_BODY_IMAGE_NOT_PICTURE, EDIT,
      "\"%s\" is not a picture the kiosk shows; save it as .svg, .png or .jpg and change the path after ![...]",
      "“%s”不是屏幕能显示的图片；请另存为 .svg、.png 或 .jpg 格式，并改正 ![...] 后面括号里的路径"),
    E(MSG_SRC_BODY_IMAGE_NOT_FOUND, EDIT,
      "file %s not found under %s/; check the name in ![...](...), or copy the picture into the images folder",
      "找不到图片 %s（在 %s/ 文件夹里找）；请检查 ![...](...) 括号里的文件名是否写对、图片是否已经放进 images 文件夹"),

    /* ---- the 学后测 section of a case ----------------------------------------- */
    E(MSG_SRC_QUIZ_NOT_CASE, EDIT,
      "only cases have a self-check; remove the \"## 学后测\" section, or move the file to cases/",
      "只有警示案例可以带学后测；请删去“## 学后测”这一部分，或者把文件移到 cases/ 文件夹"),
    E(MSG_SRC_QUIZ_NOT_LAST, EDIT,
      "the 学后测 section must be the last, but the page \"%s\" follows it; move \"## 学后测\" and its questions to the end of the file",
      "学后测必须放在最后，但后面还有“%s”这一页；请把“## 学后测”和其中的题目移到文件末尾"),
    E(MSG_SRC_QUIZ_TWICE, EDIT,
      "a second 学后测 section (the first is on line %d); put all questions under one \"## 学后测\"",
      "出现了第二个学后测（第一个在第 %d 行）；请把所有题目放在同一个“## 学后测”下面"),
    E(MSG_SRC_QUIZ_EMPTY, EDIT,
      "the 学后测 section has no questions; add questions as \"### question\", or remove the section",
      "学后测里没有题目；请用“### 题目”添加题目，或者删去“## 学后测”"),
    E(MSG_SRC_QUIZ_TOO_MANY, EDIT,
      "more than %d questions; keep at most %d (a self-check should take a minute or two)",
      "题目超过了 %d 道；请最多保留 %d 道（学后测宜短，一两分钟能答完）"),
    E(MSG_SRC_QUIZ_HEADING, EDIT,
      "\"%s\" is not a question heading; start each question with \"### \" (three #)",
      "“%s”不是题目的写法；每道题请以“### ”（三个 #）开头"),
    E(MSG_SRC_QUIZ_STRAY_TEXT, EDIT,
      "this line is not part of a question; write \"### question\", then the options \"- [ ] ...\" (\"- [x] ...\" for right ones), then \"解析：...\"",
      "这一行不是题目的组成部分；每道题请依次写“### 题目”、选项“- [ ] ……”（正确选项写“- [x] ……”）和“解析：……”"),
    E(MSG_SRC_QUIZ_STEM_EMPTY, EDIT,
      "the question is empty; write it after \"### \"",
      "题目是空的；请在“### ”后面写上题目"),
    E(MSG_SRC_QUIZ_OPTION_COUNT, EDIT,
      "the question has %zu option(s); give %d to %d, one per line as \"- [ ] ...\"",
      "这道题有 %zu 个选项；请写 %d 到 %d 个，每行一个，写成“- [ ] ……”"),
    E(MSG_SRC_QUIZ_NO_ANSWER, EDIT,
      "no option is marked right; mark the right option (or options) as \"- [x]\"",
      "没有标出正确答案；请把正确选项前的“- [ ]”改成“- [x]”"),
    E(MSG_SRC_QUIZ_JUDGE_BOTH, EDIT,
      "both 正确 and 错误 are marked; mark only the right one as \"- [x]\"",
      "“正确”和“错误”都标成了答案；判断题只有一个答案，请只在对的一项写“- [x]”"),
    E(MSG_SRC_QUIZ_OPTION_EMPTY, EDIT,
      "the option is empty; write its text after \"- [ ] \"",
      "这个选项是空的；请在“- [ ] ”后面写上选项内容"),
    E(MSG_SRC_QUIZ_OPTION_NO_BOX, EDIT,
      "the option has no box; start it with \"- [ ] \", or \"- [x] \" when it is right",
      "选项前面缺少方框；请写成“- [ ] 选项”，正确选项写成“- [x] 选项”"),
    E(MSG_SRC_QUIZ_OPTION_TWICE, EDIT,
      "\"%s\" is given twice (first on line %d); make every option different",
      "选项“%s”写了两次（第一次在第 %d 行）；请让每个选项各不相同"),
    E(MSG_SRC_QUIZ_OPTION_LATE, EDIT,
      "an option after 解析 or 出处; put all options right below the question, before \"解析：\"",
      "选项写在了“解析”或“出处”后面；请把所有选项紧接着写在题目下面、“解析：”之前"),
    E(MSG_SRC_QUIZ_NO_EXPLANATION, EDIT,
      "the question has no explanation; add a paragraph \"解析：...\" after the options",
      "这道题缺少解析；请在选项后面加一段“解析：……”，说明为什么这样答"),
    E(MSG_SRC_QUIZ_PART_TWICE, EDIT,
      "given twice in this question (first on line %d); keep only one",
      "这道题里写了两次（第一次在第 %d 行）；请只保留一处"),
    E(MSG_SRC_QUIZ_SOURCE_EMPTY, EDIT,
      "is empty; write the document's title, e.g. 出处：《中国共产党廉洁自律准则》, or remove the line",
      "出处是空的；请写上文件名称，如“出处：《中国共产党廉洁自律准则》”，或者删去这一行"),
    E(MSG_SRC_QUIZ_TOO_LONG, EDIT,
      "is %zu characters long; keep it within %d",
      "有 %zu 个字；请精简到 %d 个字以内"),

    /* ---- shared -------------------------------------------------------------- */
    E(MSG_NOT_HTTP_URL, EDIT,
      "\"%s\" is not an http(s) URL; use a full address starting with https://",
      "“%s”不是以 https:// 或 http:// 开头的网址；请填写完整的网址，如 https://example.org/"),
    E(MSG_KIND_UNKNOWN, EDIT,
      "\"%s\" is not a known kind; use maxim, case or story",
      "“%s”不是可用的类别；请填写 maxim（廉语）、case（警示案例）或 story（身边典型）"),
    E(MSG_WEIGHT_RANGE, EDIT,
      "%s is out of range; use 1 to 10",
      "%s 超出了范围；请填写 1 到 10 之间的整数"),

    /* ---- feed.json ------------------------------------------------------------ */
    E(MSG_FEED_NOT_STRING, EDIT,
      "is %s, not a string; write the value in double quotes",
      "这里是%s，不是字符串；请把值写在英文双引号里"),
    E(MSG_FEED_TAGS_NOT_LIST, EDIT,
      "is %s, not a list; write tags as [\"tag\", ...]",
      "这里是%s，不是列表；标签请写成 [\"标签\", ...]"),
    E(MSG_FEED_TAG_NOT_STRING, EDIT,
      "is %s, not a string; write each tag in double quotes",
      "这里是%s，不是字符串；每个标签请写在英文双引号里"),
    E(MSG_FEED_PAGES_NOT_LIST, EDIT,
      "is %s, not a list; write pages as [{\"title\": ..., \"markdown\": ...}]",
      "这里是%s，不是列表；分页请写成 [{\"title\": ..., \"markdown\": ...}]"),
    E(MSG_FEED_PAGE_NOT_OBJECT, EDIT,
      "is %s, not an object; write each page as {\"title\": ..., \"markdown\": ...}",
      "这里是%s，不是对象；每一页请写成 {\"title\": ..., \"markdown\": ...}"),
    E(MSG_FEED_PAGE_NO_TITLE, EDIT,
      "missing or empty; give every page a title",
      "缺少分页标题或标题是空的；请给每一页写上标题"),
    E(MSG_FEED_PAGE_NO_MARKDOWN, EDIT,
      "missing; add the page text as \"markdown\"",
      "缺少这一页的正文；请用 \"markdown\" 写上正文"),
    E(MSG_FEED_QUESTIONS_NOT_LIST, EDIT,
      "is %s, not a list; write questions as [{\"kind\": ..., \"stem\": ..., \"options\": [...], \"answer\": [...], \"explanation\": ...}]",
      "这里是%s，不是列表；题目请写成 [{\"kind\": ..., \"stem\": ..., \"options\": [...], \"answer\": [...], \"explanation\": ...}]"),
    E(MSG_FEED_QUESTIONS_NOT_CASE, EDIT,
      "a %s cannot have questions; only cases have a self-check, so remove \"questions\" or make the item a case",
      "%s不能带学后测题目；只有警示案例可以带，请删去 \"questions\"，或者把类别改为 case"),
    E(MSG_FEED_QUESTIONS_TOO_MANY, EDIT,
      "has %zu questions, more than %d; keep at most %d",
      "有 %zu 道题，超过了 %d 道；请最多保留 %d 道"),
    E(MSG_FEED_QUESTION_NOT_OBJECT, EDIT,
      "is %s, not an object; write each question as {\"kind\", \"stem\", \"options\", \"answer\", \"explanation\"}",
      "这里是%s，不是对象；每道题请写成 {\"kind\", \"stem\", \"options\", \"answer\", \"explanation\"}"),
    E(MSG_FEED_QUESTION_KIND_MISSING, EDIT,
      "missing; add \"kind\": \"single\", \"multi\" or \"judge\"",
      "缺少题型；请加上 \"kind\"：\"single\"（单选）、\"multi\"（多选）或 \"judge\"（判断）"),
    E(MSG_FEED_QUESTION_KIND_UNKNOWN, EDIT,
      "\"%s\" is not a known question kind; use single, multi or judge",
      "“%s”不是可用的题型；请填写 single（单选）、multi（多选）或 judge（判断）"),
    E(MSG_FEED_QUESTION_NO_STEM, EDIT,
      "missing or empty; write the question as \"stem\"",
      "缺少题目或题目是空的；请用 \"stem\" 写上题目"),
    E(MSG_FEED_OPTIONS_NOT_LIST, EDIT,
      "is %s, not a list; write options as [\"...\", \"...\"]",
      "这里是%s，不是列表；选项请写成 [\"……\", \"……\"]"),
    E(MSG_FEED_OPTIONS_COUNT, EDIT,
      "has %zu option(s); give %d to %d",
      "有 %zu 个选项；请写 %d 到 %d 个"),
    E(MSG_FEED_OPTION_EMPTY, EDIT,
      "is empty; write the option's text",
      "选项是空的；请写上选项内容"),
    E(MSG_FEED_OPTION_DUPLICATE, EDIT,
      "\"%s\" is the same as options[%zu]; make every option different",
      "“%s”与 options[%zu] 相同；请让每个选项各不相同"),
    E(MSG_FEED_ANSWER_MISSING, EDIT,
      "missing; list the right options by number, counting from 0, e.g. \"answer\": [1]",
      "缺少答案；请按序号列出正确选项（从 0 数起），如 \"answer\": [1]"),
    E(MSG_FEED_ANSWER_NOT_LIST, EDIT,
      "is %s, not a list; write the answer as [1], or [0, 2] for several (options count from 0)",
      "这里是%s，不是列表；答案请写成 [1]，多个答案写成 [0, 2]（选项从 0 数起）"),
    E(MSG_FEED_ANSWER_EMPTY, EDIT,
      "is empty; list at least one right option, e.g. [1]",
      "答案是空的；请至少列出一个正确选项，如 [1]"),
    E(MSG_FEED_ANSWER_NOT_INT, EDIT,
      "is %s, not an option number; use a whole number from 0 to %zu",
      "这里是%s，不是选项序号；请填写 0 到 %zu 之间的整数"),
    E(MSG_FEED_ANSWER_RANGE, EDIT,
      "%s is not an option number; use 0 to %zu (options count from 0)",
      "%s 不是选项序号；请填写 0 到 %zu 之间的整数（选项从 0 数起）"),
    E(MSG_FEED_ANSWER_DUPLICATE, EDIT,
      "%s is listed twice; list each right option once",
      "%s 重复出现；每个正确选项只写一次"),
    E(MSG_FEED_ANSWER_NOT_ONE, EDIT,
      "a single-choice question has %zu answers; give exactly one, or make it \"multi\"",
      "单选题有 %zu 个答案；请只留一个，或者把题型改为 \"multi\"（多选）"),
    E(MSG_FEED_ANSWER_MULTI_ONE, EDIT,
      "a multiple-choice question has only one answer; give two or more, or make it \"single\"",
      "多选题只有一个答案；请给出两个或更多，或者把题型改为 \"single\"（单选）"),
    E(MSG_FEED_JUDGE_OPTIONS, EDIT,
      "a judge question has exactly the options [\"正确\", \"错误\"], in this order; write them so, or make it \"single\"",
      "判断题的选项必须是 [\"正确\", \"错误\"]，且按这个顺序；请照此填写，或者把题型改为 \"single\"（单选）"),
    E(MSG_FEED_JUDGE_ANSWER, EDIT,
      "a judge question has %zu answers; give exactly one: [0] for 正确 or [1] for 错误",
      "判断题有 %zu 个答案；请只给一个：[0] 表示正确，[1] 表示错误"),
    E(MSG_FEED_QUESTION_NO_EXPLANATION, EDIT,
      "missing or empty; every answer needs an \"explanation\"",
      "缺少解析或解析是空的；每道题都要用 \"explanation\" 写上解析"),
    E(MSG_FEED_TEXT_TOO_LONG, EDIT,
      "is %zu characters long, over the limit of %d; shorten it",
      "有 %zu 个字，超过了 %d 个字的上限；请精简"),
    E(MSG_FEED_ID_MISSING, EDIT,
      "missing; give every item a unique \"id\" string",
      "缺少编号；请给每一条内容写上不重复的 \"id\""),
    E(MSG_FEED_ID_NOT_STRING, EDIT,
      "is %s, not a string; write the id in double quotes",
      "这里是%s，不是字符串；请把编号写在英文双引号里"),
    E(MSG_FEED_ID_EMPTY, EDIT,
      "is empty; give every item a unique non-empty id",
      "编号是空的；请给每一条内容写上不重复的编号"),
    E(MSG_FEED_ID_DUPLICATE, EDIT,
      "\"%s\" is already used by items[%zu]; give every item its own id",
      "编号“%s”已经被 items[%zu] 使用；请给每一条内容各用一个编号"),
    E(MSG_FEED_ITEM_NOT_OBJECT, EDIT,
      "is %s, not an object; write each item as {\"id\": ..., ...}",
      "这里是%s，不是对象；每一条内容请写成 {\"id\": ..., ...}"),
    E(MSG_FEED_ITEM_QF_NOT_OBJECT, EDIT,
      "is %s, not an object; write it as {\"kind\": ...}",
      "这里是%s，不是对象；请写成 {\"kind\": ...}"),
    E(MSG_FEED_KIND_NOT_STRING, EDIT,
      "is %s, not a string; use \"maxim\", \"case\" or \"story\"",
      "这里是%s，不是字符串；请填写 \"maxim\"、\"case\" 或 \"story\""),
    E(MSG_FEED_WEIGHT_NOT_INT, EDIT,
      "is %s, not a whole number; use 1 to 10",
      "这里是%s，不是整数；请填写 1 到 10 之间的整数"),
    E(MSG_FEED_NO_TEXT, EDIT,
      "has neither content_text nor content_html; add the item's text as \"content_text\"",
      "既没有 content_text 也没有 content_html；请用 \"content_text\" 写上这条内容的正文"),
    E(MSG_FEED_MAXIM_NO_TEXT, EDIT,
      "missing or empty for a maxim; put the saying itself in \"content_text\"",
      "廉语缺少正文或正文是空的；请把这句廉语写在 \"content_text\" 里"),
    E(MSG_FEED_NO_TITLE, EDIT,
      "missing or empty for a %s; add a \"title\"",
      "%s缺少标题或标题是空的；请加上 \"title\""),
    E(MSG_FEED_PATH_UNSAFE, EDIT,
      "\"%s\" is not a safe relative path; use a path inside the feed folder such as images/lotus.svg",
      "“%s”不是安全的相对路径；请使用内容包文件夹里面的路径，如 images/lotus.svg"),
    E(MSG_FEED_IMAGE_NOT_LISTED, EDIT,
      "\"%s\" is not listed in _qingfeng.assets; add it with its size and sha256 (qingfeng-feed build does this)",
      "“%s”没有登记在 _qingfeng.assets 中；请登记它的大小和 sha256（用 qingfeng-feed build 生成会自动登记）"),
    E(MSG_FEED_BODY_IMAGE_UNSAFE, EDIT,
      "item \"%s\" shows the picture \"%s\", which is not a file in the feed folder (a web address or an unsafe "
      "path); ship the picture with the feed and write a relative path such as images/lotus.svg",
      "条目“%s”的正文引用了图片“%s”，它不是内容包文件夹里的文件（是网址或不安全的路径）；"
      "请把图片随内容包一起发布，并写成 images/lotus.svg 这样的相对路径"),
    E(MSG_FEED_BODY_IMAGE_NOT_LISTED, EDIT,
      "item \"%s\" shows the picture \"%s\", which is not listed in _qingfeng.assets; add it with its size and "
      "sha256 (qingfeng-feed build does this)",
      "条目“%s”的正文引用了图片“%s”，但它没有登记在 _qingfeng.assets 中；"
      "请登记它的大小和 sha256（用 qingfeng-feed build 生成会自动登记）"),
    E(MSG_FEED_ASSET_NOT_OBJECT, EDIT,
      "is %s, not an object; write each asset as {\"path\", \"size\", \"sha256\"}",
      "这里是%s，不是对象；每个素材请写成 {\"path\", \"size\", \"sha256\"}"),
    E(MSG_FEED_ASSET_PATH_MISSING, EDIT,
      "missing; add the file's path relative to the feed folder",
      "缺少路径；请写上文件在内容包文件夹中的相对路径"),
    E(MSG_FEED_ASSET_SIZE_MISSING, EDIT,
      "missing; add the file's size in bytes",
      "缺少文件大小；请写上文件的字节数"),
    E(MSG_FEED_ASSET_SIZE_BAD, EDIT,
      "is not a whole number of bytes; use the file's size, 0 or more",
      "不是字节数；请填写文件大小（0 或更大的整数）"),
    E(MSG_FEED_ASSET_SHA_MISSING, EDIT,
      "missing; add the file's SHA-256 as 64 lower-case hex digits",
      "缺少校验值；请写上文件的 SHA-256（64 位小写十六进制数字）"),
    E(MSG_FEED_ASSET_SHA_BAD, EDIT,
      "is not 64 lower-case hex digits; use the output of sha256sum",
      "不是 64 位小写十六进制数字；请使用 sha256sum 命令算出的值"),
    E(MSG_FEED_ASSET_DUPLICATE, EDIT,
      "\"%s\" is already listed as _qingfeng.assets[%zu]; list each file once",
      "“%s”已经登记为 _qingfeng.assets[%zu]；每个文件只登记一次"),
    E(MSG_FEED_ROOT_NOT_OBJECT, EDIT,
      "is %s, not an object; a feed is one JSON object {\"version\": ..., \"items\": [...]}",
      "这里是%s，不是对象；内容包应是一个 JSON 对象 {\"version\": ..., \"items\": [...]}"),
    E(MSG_FEED_VERSION_MISSING, EDIT,
      "missing; add \"version\": \"https://jsonfeed.org/version/1.1\"",
      "缺少版本号；请加上 \"version\": \"https://jsonfeed.org/version/1.1\""),
    E(MSG_FEED_VERSION_UNKNOWN, EDIT,
      "\"%s\" is not a JSON Feed version; use \"https://jsonfeed.org/version/1.1\"",
      "“%s”不是 JSON Feed 的版本号；请写 \"https://jsonfeed.org/version/1.1\""),
    E(MSG_FEED_TITLE_MISSING, EDIT,
      "missing; add a \"title\" for the feed",
      "缺少标题；请给内容包加上 \"title\""),
    E(MSG_FEED_QF_NOT_OBJECT, EDIT,
      "is %s, not an object; write it as {\"format\": 1, \"assets\": [...]}",
      "这里是%s，不是对象；请写成 {\"format\": 1, \"assets\": [...]}"),
    E(MSG_FEED_FORMAT_BAD, EDIT,
      "is not a format number; use 1",
      "不是格式编号；请写 1"),
    E(MSG_FEED_FORMAT_NEWER, EDIT,
      "%s is newer than this reader understands; update the kiosk software",
      "格式 %s 比本程序能读懂的更新；请升级屏幕上的清风软件"),
    E(MSG_FEED_ASSETS_NOT_LIST, EDIT,
      "is %s, not a list; write assets as [{\"path\", \"size\", \"sha256\"}, ...]",
      "这里是%s，不是列表；素材请写成 [{\"path\", \"size\", \"sha256\"}, ...]"),
    E(MSG_FEED_ITEMS_MISSING, EDIT,
      "missing; add \"items\": [...] with at least one item",
      "缺少内容列表；请加上 \"items\": [...]，至少放一条内容"),
    E(MSG_FEED_ITEMS_NOT_LIST, EDIT,
      "is %s, not a list; write items as [{...}, ...]",
      "这里是%s，不是列表；请写成 [{...}, ...]"),
    E(MSG_FEED_ITEMS_EMPTY, EDIT,
      "no items; the kiosk needs at least one item to show",
      "没有任何内容；屏幕至少需要一条内容才能展示"),

    /* ---- schedules and screen groups ------------------------------------ */
    E(MSG_SCHEDULE_DATE_BAD, EDIT,
      "\"%s\" is not a date; write it as YYYY-MM-DD, e.g. 2027-01-20",
      "“%s”不是有效的日期；请写成“年-月-日”，如 2027-01-20"),
    E(MSG_SCHEDULE_UNTIL_BEFORE_FROM, EDIT,
      "the last day %s is before the first day %s; make the last day the same as or after the first",
      "结束日期 %s 早于开始日期 %s；结束日期请写成开始日期当天或以后"),
    E(MSG_SCHEDULE_DAYS_BAD, EDIT,
      "\"%s\" is not a set of weekdays; use e.g. mon-fri, sat,sun or 周一-周五",
      "“%s”不是星期的写法；请写成 mon-fri、sat,sun 或 周一-周五 这样的形式"),
    E(MSG_SCHEDULE_HOURS_BAD, EDIT,
      "\"%s\" is not a list of hour ranges; use HH:MM-HH:MM, e.g. 08:00-12:00,14:00-18:00 (at most 8 ranges)",
      "“%s”不是时段的写法；请写成“时:分-时:分”，如 08:00-12:00,14:00-18:00（最多 8 段）"),
    E(MSG_GROUP_NAME_BAD, EDIT,
      "\"%s\" is not a group name; use 1 to 32 letters, digits, - or _, e.g. lobby or 3f",
      "“%s”不能用作屏幕分组名；请用 1 到 32 个英文字母、数字、- 或 _，如 lobby、3f"),
    E(MSG_GROUPS_TOO_MANY, EDIT,
      "names %zu groups; name at most %d",
      "写了 %zu 个分组；请最多写 %d 个"),
    E(MSG_FEED_SCHEDULE_NOT_OBJECT, EDIT,
      "is %s, not an object; write it as {\"from\": \"2027-01-20\", \"until\": \"2027-02-28\", "
      "\"days\": \"mon-fri\", \"hours\": \"08:00-18:00\"}",
      "这里是%s，不是对象；请写成 {\"from\": \"2027-01-20\", \"until\": \"2027-02-28\", "
      "\"days\": \"mon-fri\", \"hours\": \"08:00-18:00\"}"),
    E(MSG_FEED_PINNED_NOT_BOOL, EDIT,
      "is %s, not true/false; write true or false",
      "这里是%s，不是真假值；请写 true 或 false"),
    E(MSG_FEED_GROUPS_NOT_LIST, EDIT,
      "is %s, not a list; write the groups as [\"lobby\", \"3f\"]",
      "这里是%s，不是列表；分组请写成 [\"lobby\", \"3f\"]"),
    E(MSG_SRC_PINNED_BAD, EDIT,
      "\"%s\" is neither yes nor no; write pinned: yes (or no)",
      "“%s”既不是 yes 也不是 no；置顶请写 pinned: yes（不置顶写 no 或不写）"),
    E(MSG_FEED_TOO_BIG, EDIT,
      "is %zu bytes, over the %u MiB limit; split the content or shrink it",
      "有 %zu 字节，超过了 %u MiB 的上限；请把内容拆分或删减一些"),
    E(MSG_FEED_FILE_TOO_BIG, EDIT,
      "file is over the %u MiB limit; split the content or shrink it",
      "文件超过了 %u MiB 的上限；请拆分内容"),
    E(MSG_FEED_SYNTAX, EDIT,
      "%s (column %d); fix the JSON syntax",
      "%s（第 %d 列）；请修正 JSON 语法错误，或用 qingfeng-feed build 重新生成"),
    E(MSG_FEED_NOT_UTF8, EDIT,
      "not UTF-8 text (byte 0x%02x near column %d); save the file as UTF-8, or build it again with qingfeng-feed build",
      "不是 UTF-8 编码的文本（字节 0x%02x，第 %d 列附近）；请以 UTF-8 编码保存，或用 qingfeng-feed build 重新生成"),
    E(MSG_FEED_CANNOT_READ, EDIT,
      "cannot read: %s; check the path or build the feed with qingfeng-feed build",
      "无法读取：%s；请检查路径，或先用 qingfeng-feed build 生成内容包"),

    E(MSG_FEED_QUIZ_NOT_OBJECT, EDIT,
      "is %s, not an object; write it as {\"bank\": \"quiz/bank.json\", \"questions\": 120}",
      "这里是%s，不是对象；请写成 {\"bank\": \"quiz/bank.json\", \"questions\": 120}"),
    E(MSG_FEED_QUIZ_BANK_MISSING, EDIT,
      "missing; name the question bank file, e.g. \"bank\": \"quiz/bank.json\"",
      "缺少题库文件；请写明题库文件，例如 \"bank\": \"quiz/bank.json\""),
    E(MSG_FEED_QUIZ_BANK_NOT_LISTED, EDIT,
      "\"%s\" is not listed in _qingfeng.assets; list it with its size and sha256, or build the feed again with "
      "qingfeng-feed build",
      "“%s”没有列在 _qingfeng.assets 中；请列出它的大小和 sha256，或用 qingfeng-feed build 重新生成"),
    E(MSG_FEED_QUIZ_QUESTIONS_BAD, EDIT,
      "is not a number of questions from 1 to %d; give the number of questions in the bank, or build the feed "
      "again with qingfeng-feed build",
      "不是 1 到 %d 之间的题目数；请填写题库中的题目数，或用 qingfeng-feed build 重新生成"),

    /* ---- assets ----------------------------------------------------------------- */
    E(MSG_ASSET_MISSING, EDIT,
      "file is missing (%s); copy it into the feed folder or rebuild the feed",
      "找不到这个文件（%s）；请把它复制回内容包文件夹，或者重新生成内容包"),
    E(MSG_ASSET_NOT_REGULAR, EDIT,
      "is not a regular file; put the asset file there or rebuild the feed",
      "不是普通文件；请在这里放上素材文件，或者重新生成内容包"),
    E(MSG_ASSET_SIZE_DIFFERS, EDIT,
      "size is %llu bytes but feed.json pins %llu; restore the file or rebuild the feed",
      "文件大小是 %llu 字节，但 feed.json 中记录的是 %llu 字节；请恢复原来的文件，或者重新生成内容包"),
    E(MSG_ASSET_SHA_DIFFERS, EDIT,
      "sha256 is %s but feed.json pins %s; restore the file or rebuild the feed",
      "文件的 sha256 是 %s，但 feed.json 中记录的是 %s，文件被改动过；请恢复原来的文件，或者重新生成内容包"),

    /* ---- signatures ------------------------------------------------------------ */
    E(MSG_SIG_KEY_NOT_KEY, EDIT,
      "the key is not a minisign public key (one line of 56 base64 characters starting with RW); copy the key "
      "line from minisign.pub, or give the path of that file",
      "这不是 minisign 公钥（公钥是以 RW 开头、共 56 个字符的一行）；请从 minisign.pub 中复制公钥那一行，"
      "或者给出 minisign.pub 文件的路径"),
    E(MSG_SIG_KEY_ALGORITHM, EDIT,
      "the key is not a minisign Ed25519 public key (those start with RW); make the key pair with minisign -G",
      "这不是 minisign 的 Ed25519 公钥（这种公钥以 RW 开头）；请用 minisign -G 生成密钥对"),
    E(MSG_SIG_KEY_NO_KEY_LINE, EDIT,
      "there is a comment line but no key line after it; give the whole minisign.pub (two lines: the comment, "
      "then the key)",
      "只有注释行，下面没有公钥那一行；请给出完整的 minisign.pub（共两行：注释和公钥）"),
    E(MSG_SIG_KEY_EXTRA, EDIT,
      "there is more text after the key line; keep only the two lines of minisign.pub, the comment and the key",
      "公钥那一行后面还有多余的内容；minisign.pub 只有两行：注释和公钥，请删去多余的内容"),
    E(MSG_SIG_KEY_FILE_UNREADABLE, EDIT,
      "cannot read the public key file \"%s\" (%s); give the path of minisign.pub, or the key itself (the line "
      "starting with RW)",
      "无法读取公钥文件“%s”（%s）；请给出 minisign.pub 的路径，或者直接给出公钥（以 RW 开头的那一行）"),
    E(MSG_SIG_KEY_FILE_TOO_BIG, EDIT,
      "the public key file \"%s\" is over 4 KiB; give minisign.pub, which has two short lines",
      "公钥文件“%s”超过 4 KiB，不是公钥文件；请给出 minisign.pub，它只有两行"),
    E(MSG_SIG_TOO_BIG, EDIT,
      "the signature is over 4 KiB, but a minisign signature is about 300 bytes; give the feed.json.minisig "
      "written by minisign -Sm feed.json",
      "签名文件超过 4 KiB，而 minisign 的签名文件只有 300 字节左右；请使用 minisign -Sm feed.json 生成的 feed.json.minisig"),
    E(MSG_SIG_NOT_TEXT, EDIT,
      "the signature is not text (it contains a NUL byte); give the feed.json.minisig written by minisign -Sm "
      "feed.json",
      "签名文件不是文本文件（含有 NUL 字节）；请使用 minisign -Sm feed.json 生成的 feed.json.minisig"),
    E(MSG_SIG_NO_UNTRUSTED, EDIT,
      "line 1 does not start with \"untrusted comment: \", so this is not a minisign signature; sign the feed "
      "again with minisign -Sm feed.json",
      "第 1 行不是以“untrusted comment: ”开头，这不是 minisign 签名文件；请用 minisign -Sm feed.json 重新签名"),
    E(MSG_SIG_TRUNCATED, EDIT,
      "the signature ends after line %d, but has 4 lines; the file is cut short: sign the feed again with "
      "minisign -Sm feed.json",
      "签名文件只有 %d 行，应有 4 行，文件不完整；请用 minisign -Sm feed.json 重新签名"),
    E(MSG_SIG_SIGNATURE_BAD, EDIT,
      "line 2 is not a minisign signature (100 base64 characters); the file is damaged: sign the feed again "
      "with minisign -Sm feed.json",
      "第 2 行不是有效的 minisign 签名（应为 100 个 base64 字符），签名文件已损坏；请用 minisign -Sm feed.json 重新签名"),
    E(MSG_SIG_ALGORITHM, EDIT,
      "line 2 names the signature algorithm \"%s\", which is neither Ed (legacy) nor ED (prehashed); sign the "
      "feed again with minisign -Sm feed.json",
      "第 2 行的签名算法“%s”无法识别（应为 Ed 或 ED）；请用 minisign -Sm feed.json 重新签名"),
    E(MSG_SIG_NO_TRUSTED, EDIT,
      "line 3 does not start with \"trusted comment: \"; the file is damaged: sign the feed again with "
      "minisign -Sm feed.json",
      "第 3 行不是以“trusted comment: ”开头，签名文件已损坏；请用 minisign -Sm feed.json 重新签名"),
    E(MSG_SIG_GLOBAL_BAD, EDIT,
      "line 4 is not a signature of the trusted comment (88 base64 characters); the file is damaged: sign the "
      "feed again with minisign -Sm feed.json",
      "第 4 行不是有效的可信注释签名（应为 88 个 base64 字符），签名文件已损坏；请用 minisign -Sm feed.json 重新签名"),
    E(MSG_SIG_EXTRA, EDIT,
      "there is more text after line 4; a minisign signature has 4 lines: sign the feed again with minisign "
      "-Sm feed.json",
      "第 4 行之后还有多余的内容，minisign 签名文件只有 4 行；请用 minisign -Sm feed.json 重新签名"),
    E(MSG_SIG_KEY_MISMATCH, EDIT,
      "signed with key id %s, but the configured key is %s; sign with the secret key that belongs to the "
      "configured public key, or configure the public key of the key that signed",
      "签名所用密钥的编号是 %s，但配置的公钥编号是 %s，两者不是一对；请用与配置的公钥配对的密钥重新签名，"
      "或者改为配置签名密钥对应的公钥"),
    E(MSG_SIG_BAD, EDIT,
      "the signature does not match the file: the file was changed after signing, or the signature is for another "
      "file; restore the file that was signed, or sign it again with minisign -Sm feed.json",
      "签名与文件内容不符：文件在签名后被改动过，或者这个签名属于另一个文件；请恢复签名时的文件，"
      "或者用 minisign -Sm feed.json 重新签名"),
    E(MSG_SIG_COMMENT_BAD, EDIT,
      "the trusted comment (line 3) or its signature (line 4) was changed after signing; sign the feed again "
      "with minisign -Sm feed.json",
      "可信注释（第 3 行）或它的签名（第 4 行）在签名后被改动过；请用 minisign -Sm feed.json 重新签名"),
    E(MSG_SIG_MISSING, EDIT,
      "cannot read the signature (%s); sign the feed in its folder with minisign -Sm feed.json, which writes "
      "feed.json.minisig",
      "无法读取签名文件（%s）；请在内容包文件夹里运行 minisign -Sm feed.json，它会生成 feed.json.minisig"),
    E(MSG_SIG_SODIUM, SYS,
      "the crypto library libsodium cannot start; check that /dev/urandom can be read, then try again",
      "加密库 libsodium 无法启动；请检查系统能否读取 /dev/urandom，然后再试"),

    /* ---- question banks ------------------------------------------------------- */
    E(MSG_QBANK_TOO_LARGE, EDIT,
      "file is larger than %u MiB; split the question bank into several files",
      "文件超过 %u MiB；请把题库拆成几个文件"),
    E(MSG_QBANK_UTF16, EDIT,
      "the file is UTF-16 text (Excel's \"Unicode Text\"), not CSV; in Excel choose Save As, \"CSV UTF-8 "
      "(Comma delimited)\"",
      "文件是 UTF-16 文本（Excel 的“Unicode 文本”），不是 CSV；请在 Excel 中选“另存为”，文件类型选“CSV UTF-8（逗号分隔）”"),
    E(MSG_QBANK_BAD_ENCODING, EDIT,
      "the text is neither UTF-8 nor GB18030/GBK (byte 0x%02x at offset %zu); save the file again as \"CSV UTF-8\" "
      "(Excel) or as CSV (WPS)",
      "文件既不是 UTF-8 也不是 GB18030/GBK 编码（无法识别字节 0x%02x，偏移量 %zu）；"
      "请重新保存：Excel 选“CSV UTF-8（逗号分隔）”，WPS 选“CSV”"),
    E(MSG_QBANK_QUOTE_UNCLOSED, EDIT,
      "a quote opened here is never closed; end the cell with \", and write a quote inside a cell as \"\"",
      "这里的引号没有配对，一直到文件末尾都没有结束；请在这一格末尾补上英文双引号 \"，格内的引号请写成两个 \"\""),
    E(MSG_QBANK_TEXT_AFTER_QUOTE, EDIT,
      "there is text after the closing quote; put the whole cell in quotes and write each quote inside it as \"\"",
      "引号结束后还有文字；请把整格内容放在一对英文双引号里，格内的引号写成两个 \"\""),
    E(MSG_QBANK_TOO_MANY_CELLS, EDIT,
      "the row has more than %d cells; check that this is a question bank saved as CSV",
      "这一行超过 %d 格；请确认这是另存为 CSV 的题库文件"),
    E(MSG_QBANK_CELL_TOO_BIG, EDIT,
      "the cell is over %u KiB; shorten it",
      "这一格超过 %u KiB；请删减内容"),
    E(MSG_QBANK_NO_HEADER, EDIT,
      "the file is empty; write a header row naming the columns (题型, 题干, 选项A … 选项D, 答案, 解析, 出处, 分类, 难度), "
      "then one question a row",
      "文件是空的；请在第一行写表头（题型、题干、选项A … 选项D、答案、解析、出处、分类、难度），下面每行一道题"),
    E(MSG_QBANK_NO_QUESTIONS, EDIT,
      "there are no questions under the header row; add questions, one a row, or remove the file",
      "表头下面没有题目；请每行添加一道题，或者删除这个文件"),
    E(MSG_QBANK_COLUMN_MISSING, EDIT,
      "missing from the header row; add a column named %s",
      "表头中没有这一列；请在第一行加上名为“%s”的一列"),
    E(MSG_QBANK_COLUMN_TWICE, EDIT,
      "is in the header row twice (columns %d and %d); keep one of them",
      "表头中出现了两次（第 %d 列和第 %d 列）；请只保留一列"),
    E(MSG_QBANK_EXTRA_CELLS, EDIT,
      "the row has %zu cells but the header names %zu columns; put a cell that holds a comma in double quotes",
      "这一行有 %zu 格，但表头只有 %zu 列；格内有英文逗号时，请把整格放在英文双引号里"),
    E(MSG_QBANK_EMPTY, EDIT,
      "is empty; every question needs it, fill it in",
      "这一格是空的；每道题都必须填写这一项"),
    E(MSG_QBANK_TYPE_UNKNOWN, EDIT,
      "\"%s\" is not a question type; write 单选, 多选 or 判断",
      "“%s”不是可用的题型；请填写 单选、多选 或 判断"),
    E(MSG_QBANK_LEVEL_UNKNOWN, EDIT,
      "\"%s\" is not a difficulty; write 易, 中 or 难",
      "“%s”不是可用的难度；请填写 易、中 或 难"),
    E(MSG_QBANK_TOO_LONG, EDIT,
      "is %zu characters long, over the limit of %d; shorten it so it fits on the screen",
      "有 %zu 个字，超过了 %d 个字的上限；请删减，以便在屏幕上完整显示"),
    E(MSG_QBANK_OPTION_GAP, EDIT,
      "is empty but 选项%c is filled; fill the options in order from 选项A, without gaps",
      "这一格是空的，但后面的 选项%c 有内容；请从 选项A 起依次填写选项，中间不要空格"),
    E(MSG_QBANK_TOO_FEW_OPTIONS, EDIT,
      "a choice question needs at least 2 options; fill in 选项A and 选项B",
      "选择题至少要有 2 个选项；请填写 选项A 和 选项B"),
    E(MSG_QBANK_OPTION_SAME, EDIT,
      "\"%s\" is the same as 选项%c; make every option different",
      "“%s”与 选项%c 相同；请让每个选项各不相同"),
    E(MSG_QBANK_JUDGE_OPTIONS, EDIT,
      "a 判断 question has no options of its own (they are always 正确 and 错误); leave 选项A to 选项F empty",
      "判断题不用填选项（选项固定为“正确”和“错误”）；请把 选项A 到 选项F 留空"),
    E(MSG_QBANK_ANSWER_BAD, EDIT,
      "\"%s\" is not an answer; write the letters of the right options, such as B or ACD",
      "“%s”不是答案的写法；请填写正确选项的字母，例如 B 或 ACD"),
    E(MSG_QBANK_ANSWER_NOT_OPTION, EDIT,
      "\"%s\" names option %c, which is empty; choose among the filled options, or fill in 选项%c",
      "“%s”中的 %c 对应的选项是空的；请从已填写的选项中选择答案，或者填写 选项%c"),
    E(MSG_QBANK_ANSWER_NOT_ONE, EDIT,
      "\"%s\" gives %d answers, but a 单选 question has exactly one; write one letter, or change 题型 to 多选",
      "“%s”有 %d 个答案，但单选题只能有一个；请只填一个字母，或者把题型改为 多选"),
    E(MSG_QBANK_ANSWER_MULTI_ONE, EDIT,
      "\"%s\" gives one answer, but a 多选 question has at least two; write every right letter, or change 题型 to 单选",
      "“%s”只有一个答案，但多选题至少要有两个；请填写全部正确选项的字母，或者把题型改为 单选"),
    E(MSG_QBANK_JUDGE_ANSWER, EDIT,
      "\"%s\" is not an answer to a 判断 question; write 正确 or 错误 (对/错, √/× and A/B also work)",
      "“%s”不是判断题的答案；请填写 正确 或 错误（也可以写 对/错、√/×、A/B）"),
    E(MSG_QBANK_DUPLICATE, EDIT,
      "the same question is already in %s:%d; keep only one of them",
      "同样的题目已经出现在 %s:%d；请只保留一道"),
    E(MSG_QBANK_TOO_MANY, EDIT,
      "the bank reaches its limit of %d questions here; remove some questions",
      "题库到这里超过了 %d 道题的上限；请删去一些题目"),
    E(MSG_QBANK_JSON_TOO_BIG, EDIT,
      "file is over the %u MiB limit; build the feed again with qingfeng-feed build",
      "文件超过了 %u MiB 的上限；请用 qingfeng-feed build 重新生成内容包"),
    E(MSG_QBANK_JSON_SYNTAX, EDIT,
      "%s (column %d); the file is damaged: build the feed again with qingfeng-feed build",
      "%s（第 %d 列），文件已损坏；请用 qingfeng-feed build 重新生成内容包"),
    E(MSG_QBANK_JSON_FORMAT, EDIT,
      "is not format 1; update the kiosk software, or build the feed again with qingfeng-feed build",
      "不是第 1 版格式；请升级屏幕上的清风软件，或用 qingfeng-feed build 重新生成内容包"),
    E(MSG_QBANK_JSON_NOT, EDIT,
      "is missing or not %s; build the feed again with qingfeng-feed build",
      "缺少这一项，或者不是%s；请用 qingfeng-feed build 重新生成内容包"),
    E(MSG_QBANK_JSON_COUNT, EDIT,
      "has %zu questions, but a bank has 1 to %d; build the feed again with qingfeng-feed build",
      "有 %zu 道题，但题库应有 1 到 %d 道；请用 qingfeng-feed build 重新生成内容包"),
    E(MSG_QBANK_JSON_VALUE, EDIT,
      "\"%s\" is not a known value; build the feed again with qingfeng-feed build",
      "“%s”不是可用的值；请用 qingfeng-feed build 重新生成内容包"),
    E(MSG_QBANK_JSON_TEXT, EDIT,
      "is empty or longer than %d characters; build the feed again with qingfeng-feed build",
      "是空的，或者超过了 %d 个字；请用 qingfeng-feed build 重新生成内容包"),
    E(MSG_QBANK_JSON_OPTIONS, EDIT,
      "%zu options do not fit the question type; build the feed again with qingfeng-feed build",
      "%zu 个选项与题型不符；请用 qingfeng-feed build 重新生成内容包"),
    E(MSG_QBANK_JSON_ANSWER, EDIT,
      "does not fit the options or the question type; build the feed again with qingfeng-feed build",
      "与选项或题型不符；请用 qingfeng-feed build 重新生成内容包"),
    E(MSG_QBANK_JSON_ID, EDIT,
      "\"%s\" is not the id of this question's stem (%s); build the feed again with qingfeng-feed build",
      "“%s”不是这道题题干的编号（应为 %s）；请用 qingfeng-feed build 重新生成内容包"),
    E(MSG_QBANK_JSON_DUPLICATE, EDIT,
      "\"%s\" is the same as questions[%zu].id; build the feed again with qingfeng-feed build",
      "“%s”与 questions[%zu].id 相同；请用 qingfeng-feed build 重新生成内容包"),

    /* ---- system -------------------------------------------------------------------- */
    E(MSG_QBANK_BOARD_BAD, EDIT,
      "not a leaderboard this version can show (%s); write it again with qingfeng-feed report --leaderboard, or "
      "remove it",
      "不是可以显示的排行榜（%s）；请用 qingfeng-feed report --leaderboard 重新生成，或者删除这个文件"),
    E(MSG_SYS_OUT_OF_MEMORY, SYS,
      "out of memory; close other programs and try again",
      "内存不足；请关闭其他程序后再试"),
    E(MSG_SYS_CANNOT_READ, SYS,
      "cannot read (%s); check its permissions",
      "无法读取（%s）；请检查文件是否存在、是否允许读取"),
    E(MSG_SYS_PATH_TOO_LONG, SYS,
      "path is too long; use a shorter folder",
      "路径太长；请换一个短一些的文件夹或文件名"),
    E(MSG_SYS_CANNOT_OPEN_FOLDER, SYS,
      "cannot open folder (%s); check its permissions",
      "无法打开文件夹（%s）；请检查文件夹的访问权限"),
    E(MSG_SYS_CANNOT_WRITE, SYS,
      "cannot write (%s); check the output folder's permissions",
      "无法写入（%s）；请检查输出文件夹是否允许写入、磁盘是否已满"),
    E(MSG_SYS_CANNOT_CREATE_FOLDER, SYS,
      "cannot create folder (%s); check the path and permissions",
      "无法创建文件夹（%s）；请检查路径和权限"),
    E(MSG_SYS_SELF_CHECK, SYS,
      "the built feed does not pass its own check: %s; please report this",
      "生成的内容包没有通过自检：%s；请把这条信息告诉技术人员"),

    /* ---- qingfeng-feed ----------------------------------------------------------- */
    E(MSG_TOOL_USAGE, TOOL,
      "usage: qingfeng-feed build SRC -o OUT   build OUT/feed.json and copy images from the content folder SRC\n"
      "       qingfeng-feed check DIR|URL [--pubkey KEY|FILE]\n"
      "                                        check DIR/feed.json and the size and SHA-256 of every asset;\n"
      "                                        with --pubkey also its signature DIR/feed.json.minisig;\n"
      "                                        a URL (of feed.json or its folder) is downloaded as a screen would\n"
      "       qingfeng-feed preview DIR --shots OUT [--sizes 1920x1080,1080x1920]\n"
      "                                        render every item with the kiosk; contact sheet OUT/index.html\n"
      "       qingfeng-feed report DIR [-o OUT.csv] [--leaderboard FILE.json]\n"
      "                                        sum up the quiz results uploaded under DIR (every results/*.json)\n"
      "                                        by day and department as CSV (to OUT.csv or the screen); with\n"
      "                                        --leaderboard also the organisation's leaderboard for a feed\n"
      "         [--stats-csv ITEMS.csv] [--usage-csv DAILY.csv] [--feed FEED_DIR]\n"
      "                                        proof of play and usage (every stats/SCREEN/*.json): shows,\n"
      "                                        opens and reading time by day, screen and item; visits,\n"
      "                                        学习人次 and 参与人次 by day and screen (see docs/usage-stats.md)\n"
      "       qingfeng-feed screens DIR [--csv OUT.csv]\n"
      "                                        which screens are alive, from the heartbeats uploaded under DIR\n"
      "                                        (screens/*/status.json); exit status 1 when a screen is silent\n"
      "       qingfeng-feed --help             show this help\n"
      "\n"
      "SRC holds feed.ini, maxims/, cases/, stories/ (Markdown with a --- header), images/ and\n"
      "quiz/ (question banks as CSV, see docs/quiz.md); see docs/content-format.md. Messages are in Chinese when LC_ALL, LC_MESSAGES or LANG\n"
      "starts with zh. Exit status: 0 ok, 1 errors found, 2 wrong usage.\n",
      "用法：qingfeng-feed build 源目录 -o 输出目录   由内容源目录生成 输出目录/feed.json 并复制图片\n"
      "      qingfeng-feed check 目录|网址 [--pubkey 公钥|公钥文件]\n"
      "                                               检查 目录/feed.json 及每个素材的大小和 SHA-256；\n"
      "                                               给出 --pubkey 时还核对签名 目录/feed.json.minisig；\n"
      "                                               给出网址（feed.json 或其所在目录）时像展示屏一样先下载\n"
      "      qingfeng-feed preview 目录 --shots 输出目录 [--sizes 1920x1080,1080x1920]\n"
      "                                               用展示程序绘制每条内容的截图，生成预览页 输出目录/index.html\n"
      "      qingfeng-feed report 目录 [-o 输出.csv] [--leaderboard 排行榜.json]\n"
      "                                               按日期和部门汇总各展示屏上传到该目录的答题成绩（所有\n"
      "                                               results/*.json），输出 CSV（写入文件或显示在屏幕上）；\n"
      "                                               给出 --leaderboard 时另生成可随内容包发布的全单位排行榜\n"
      "          [--stats-csv 内容统计.csv] [--usage-csv 每日统计.csv] [--feed 内容包目录]\n"
      "                                               汇总播放与使用统计（所有 stats/屏幕/*.json）：按日期、屏幕和\n"
      "                                               内容的展示、打开与阅读时长；按日期和屏幕的访问人次、学习人次\n"
      "                                               和参与人次（见 docs/usage-stats.md）\n"
      "      qingfeng-feed screens 目录 [--csv 输出.csv]\n"
      "                                               根据各展示屏上传到该目录的心跳（screens/*/status.json）\n"
      "                                               列出哪些屏在线；有屏失联时退出码为 1\n"
      "      qingfeng-feed --help                     显示本帮助\n"
      "\n"
      "源目录包含 feed.ini、maxims/（廉语）、cases/（警示案例）、stories/（身边典型，均为带 --- 头部的\n"
      "Markdown 文件）、images/（图片）和 quiz/（CSV 格式的知识挑战赛题库，见 docs/quiz.md），\n"
      "详见 docs/authoring-guide.md。\n"
      "退出码：0 成功，1 发现错误，2 用法错误。\n"),
    E(MSG_TOOL_BUILD_OK, TOOL,
      "wrote %s/feed.json: %zu items (%zu maxims, %zu cases, %zu stories), %zu assets\n",
      "已生成 %s/feed.json：共 %zu 条（廉语 %zu 条，警示案例 %zu 条，身边典型 %zu 条），素材 %zu 个\n"),
    E(MSG_TOOL_CHECK_OK, TOOL,
      "ok: %zu items (%zu maxims, %zu cases, %zu stories), %zu assets\n",
      "通过：共 %zu 条（廉语 %zu 条，警示案例 %zu 条，身边典型 %zu 条），素材 %zu 个\n"),
    E(MSG_TOOL_BUILD_FAILED, TOOL,
      "%zu problem(s) found; nothing was written\n",
      "发现 %zu 处问题，没有写入任何文件；请按上面的提示逐条修改后重新运行\n"),
    E(MSG_TOOL_CHECK_FAILED, TOOL,
      "%zu problem(s) found in %s\n",
      "发现 %zu 处问题：%s\n"),
    E(MSG_TOOL_UNKNOWN_COMMAND, TOOL,
      "qingfeng-feed: unknown command \"%s\"; use build, check or preview (see --help)\n",
      "qingfeng-feed：没有“%s”这个命令；请用 build、check 或 preview（见 --help）\n"),
    E(MSG_TOOL_UNKNOWN_OPTION, TOOL,
      "qingfeng-feed: unknown option \"%s\" (see --help)\n",
      "qingfeng-feed：没有“%s”这个选项（见 --help）\n"),
    E(MSG_TOOL_NEED_SRC, TOOL,
      "qingfeng-feed build: give the content folder, e.g. qingfeng-feed build content -o build/feed\n",
      "qingfeng-feed build：请给出内容源目录，例如 qingfeng-feed build content -o build/feed\n"),
    E(MSG_TOOL_NEED_OUT, TOOL,
      "qingfeng-feed build: give the output folder with -o, e.g. -o build/feed\n",
      "qingfeng-feed build：请用 -o 给出输出目录，例如 -o build/feed\n"),
    E(MSG_TOOL_NEED_DIR, TOOL,
      "qingfeng-feed check: give the feed folder, e.g. qingfeng-feed check build/feed\n",
      "qingfeng-feed check：请给出内容包目录，例如 qingfeng-feed check build/feed\n"),
    E(MSG_TOOL_EXTRA_ARG, TOOL,
      "qingfeng-feed: unexpected argument \"%s\" (see --help)\n",
      "qingfeng-feed：多余的参数“%s”（见 --help）\n"),
    E(MSG_TOOL_OUT_OF_MEMORY, TOOL,
      "qingfeng-feed: out of memory; some messages were lost\n",
      "qingfeng-feed：内存不足，部分提示没能显示\n"),
    E(MSG_TOOL_SIG_OK, TOOL,
      "signature ok: key id %s, trusted comment: %s\n",
      "签名核对通过：公钥编号 %s，可信注释：%s\n"),
    E(MSG_TOOL_NEED_PUBKEY, TOOL,
      "qingfeng-feed check: give the public key after --pubkey, e.g. --pubkey minisign.pub\n",
      "qingfeng-feed check：请在 --pubkey 后面给出公钥，例如 --pubkey minisign.pub\n"),
    E(MSG_TOOL_DOWNLOAD, TOOL,
      "qingfeng-feed check: %s: cannot download (%s)\n",
      "qingfeng-feed check：%s：无法下载（%s）\n"),
    E(MSG_TOOL_BUILD_QUIZ, TOOL,
      "wrote %s/%s: %zu quiz questions\n",
      "已生成 %s/%s：知识挑战赛题库共 %zu 道题\n"),
    E(MSG_TOOL_CHECK_QUIZ, TOOL,
      "ok: quiz bank %s, %zu questions\n",
      "通过：题库 %s，共 %zu 道题\n"),
    E(MSG_TOOL_REPORT_NEED_DIR, TOOL,
      "qingfeng-feed report: give the folder the screens upload to, e.g. qingfeng-feed report /srv/qingfeng -o report.csv\n",
      "qingfeng-feed report：请给出展示屏上传成绩的目录，例如 qingfeng-feed report /srv/qingfeng -o report.csv\n"),
    E(MSG_TOOL_REPORT_NEED_FILE, TOOL,
      "qingfeng-feed report: give a file name after %s\n",
      "qingfeng-feed report：请在 %s 后面给出文件名\n"),
    E(MSG_TOOL_REPORT_CANNOT_READ, TOOL,
      "qingfeng-feed report: %s\n",
      "qingfeng-feed report：无法读取：%s\n"),
    E(MSG_TOOL_REPORT_SKIPPED, TOOL,
      "%s: skipped: %s\n",
      "%s：已跳过：%s\n"),
    E(MSG_TOOL_REPORT_CANNOT_WRITE, TOOL,
      "qingfeng-feed report: %s: cannot write (%s)\n",
      "qingfeng-feed report：%s：无法写入（%s）\n"),
    E(MSG_TOOL_REPORT_OK, TOOL,
      "report: %zu results from %ld files (%zu repeated, %zu skipped); %zu rows by day and department\n",
      "汇总：共 %zu 条成绩，来自 %ld 个文件（重复 %zu 条，跳过 %zu 个）；按日期和部门共 %zu 行\n"),
    E(MSG_TOOL_REPORT_LEADERBOARD_OK, TOOL,
      "leaderboard: wrote %s, %zu week(s)\n",
      "排行榜：已生成 %s，共 %zu 周\n"),
    E(MSG_TOOL_REPORT_USAGE_OK, TOOL,
      "usage: %zu hourly documents from %ld files (%zu repeated) of %zu screen(s); %zu rows by day, screen and item, %zu by day and screen\n",
      "使用统计：共 %zu 份小时统计，来自 %ld 个文件（重复 %zu 份），%zu 块屏；按日期、屏幕和内容共 %zu 行，按日期和屏幕共 %zu 行\n"),
    E(MSG_TOOL_REPORT_FEED, TOOL,
      "qingfeng-feed report: --feed: %s; the item titles are left empty\n",
      "qingfeng-feed report：--feed：%s；内容标题一栏留空\n"),
};

#undef E
#undef PART
#undef EDIT
#undef SYS
#undef TOOL

static int valid_id(enum msg_id id)
{
    return (int)id >= 0 && id < MSG_COUNT;
}

const char *msg_fmt(enum msg_lang lang, enum msg_id id)
{
    const char *s;

    if (!valid_id(id))
        return "";
    if ((unsigned)lang >= MSG_LANG_COUNT)
        lang = MSG_LANG_EN;
    s = table[id].text[lang];
    if (!s)
        s = table[id].text[MSG_LANG_EN];
    return s ? s : "";
}

enum msg_class msg_class_of(enum msg_id id)
{
    return valid_id(id) ? table[id].cls : MSG_CLASS_SYSTEM;
}

const char *msg_name(enum msg_id id)
{
    return valid_id(id) && table[id].name ? table[id].name : "?";
}

int msg_vformat(char *out, size_t outlen, enum msg_lang lang, enum msg_id id, va_list ap)
{
    return vsnprintf(out, outlen, msg_fmt(lang, id), ap);
}

int msg_format(char *out, size_t outlen, enum msg_lang lang, enum msg_id id, ...)
{
    va_list ap;
    int n;

    va_start(ap, id);
    n = msg_vformat(out, outlen, lang, id, ap);
    va_end(ap);
    return n;
}

const char *msg_strerror(enum msg_lang lang, int err)
{
    static const struct {
        int err;
        enum msg_id id;
    } known[] = {
        { ENOENT, MSG_ERRNO_ENOENT }, { EACCES, MSG_ERRNO_EACCES },   { ENOTDIR, MSG_ERRNO_ENOTDIR },
        { EISDIR, MSG_ERRNO_EISDIR }, { ENOSPC, MSG_ERRNO_ENOSPC },   { EROFS, MSG_ERRNO_EROFS },
        { ENAMETOOLONG, MSG_ERRNO_ENAMETOOLONG },
    };

    if (lang == MSG_LANG_ZH)
        for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
            if (known[i].err == err)
                return msg_fmt(lang, known[i].id);
    return strerror(err);
}

enum msg_lang msg_lang_from_env(const char *lc_all, const char *lc_messages, const char *lang)
{
    const char *vars[] = { lc_all, lc_messages, lang };

    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
        if (vars[i] && *vars[i])
            return strncmp(vars[i], "zh", 2) == 0 ? MSG_LANG_ZH : MSG_LANG_EN;
    return MSG_LANG_EN;
}

/* ---- struct diag ----------------------------------------------------------- */

/* Stores one finished line with its id. */
static int diag_push(struct diag *d, const char *line, enum msg_id id)
{
    char **lines;
    enum msg_id *ids;
    char *copy = strdup(line);

    if (!copy)
        goto oom;
    lines = realloc(d->lines, (d->n + 1) * sizeof *d->lines);
    if (!lines)
        goto oom;
    d->lines = lines;
    ids = realloc(d->ids, (d->n + 1) * sizeof *d->ids);
    if (!ids)
        goto oom;
    d->ids = ids;
    d->lines[d->n] = copy;
    d->ids[d->n] = id;
    d->n++;
    return 0;
oom:
    free(copy);
    d->out_of_memory = 1;
    return -1;
}

/* "<file>:<line>: " (nothing when `file` is NULL) + the prefix made from `prefix_id` and `what` + the
 * message `id` formatted with `ap`. */
static int diag_vmsg(struct diag *d, const char *file, int line, enum msg_id prefix_id, const char *what,
                     enum msg_id id, va_list ap)
{
    char buf[4096];
    size_t n = 0;
    int w;

    if (!file)
        w = 0;
    else if (line > 0)
        w = snprintf(buf, sizeof buf, "%s:%d: ", file, line);
    else
        w = snprintf(buf, sizeof buf, "%s: ", file);
    n = w < 0 ? 0 : (size_t)w >= sizeof buf ? sizeof buf - 1 : (size_t)w;
    if (what) {
        w = msg_format(buf + n, sizeof buf - n, d->lang, prefix_id, what);
        n += w < 0 ? 0 : (size_t)w >= sizeof buf - n ? sizeof buf - n - 1 : (size_t)w;
    }
    msg_vformat(buf + n, sizeof buf - n, d->lang, id, ap);
    return diag_push(d, buf, id);
}

int diag_field(struct diag *d, const char *file, int line, const char *field, enum msg_id id, ...)
{
    va_list ap;
    int rc;

    va_start(ap, id);
    rc = diag_vmsg(d, file, line, MSG_PREFIX_FIELD, field, id, ap);
    va_end(ap);
    return rc;
}

int diag_column(struct diag *d, const char *file, int line, const char *column, enum msg_id id, ...)
{
    va_list ap;
    int rc;

    va_start(ap, id);
    rc = diag_vmsg(d, file, line, MSG_PREFIX_COLUMN, column, id, ap);
    va_end(ap);
    return rc;
}

int diag_vcolumn(struct diag *d, const char *file, int line, const char *column, enum msg_id id, va_list ap)
{
    return diag_vmsg(d, file, line, MSG_PREFIX_COLUMN, column, id, ap);
}

int diag_path(struct diag *d, const char *file, int line, const char *path, enum msg_id id, ...)
{
    va_list ap;
    int rc;

    va_start(ap, id);
    rc = diag_vmsg(d, file, line, MSG_PREFIX_PATH, path, id, ap);
    va_end(ap);
    return rc;
}

int diag_vpath(struct diag *d, const char *file, int line, const char *path, enum msg_id id, va_list ap)
{
    return diag_vmsg(d, file, line, MSG_PREFIX_PATH, path, id, ap);
}

int diag_add(struct diag *d, const char *fmt, ...)
{
    char line[4096];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    return diag_push(d, line, MSG_NONE);
}

int diag_copy(struct diag *d, const struct diag *from, size_t i)
{
    return i < from->n ? diag_push(d, from->lines[i], from->ids[i]) : 0;
}

long diag_find(const struct diag *d, enum msg_id id)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->ids[i] == id)
            return (long)i;
    return -1;
}

void diag_first(const struct diag *d, char *err, size_t errlen)
{
    if (!err || !errlen)
        return;
    if (d->n)
        snprintf(err, errlen, "%s", d->lines[0]);
    else if (d->out_of_memory)
        snprintf(err, errlen, "%s", msg_fmt(d->lang, MSG_SYS_OUT_OF_MEMORY));
    else
        err[0] = '\0';
}

void diag_free(struct diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->lines[i]);
    free(d->lines);
    free(d->ids);
    d->lines = NULL;
    d->ids = NULL;
    d->n = 0;
    d->out_of_memory = 0;
}
