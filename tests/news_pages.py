"""The same short news page written in several languages and scripts, as text and as HTML, for
tests of both paths beyond English (the dev pack is 96% English; `benchmarks/foreign.py`
measures rewrites of it, these are real sentences). Written for this repository; each page has
the layout of `test_text.ARTICLE`: a menu, a login link, the headline, a byline and the date
(5 March 2024) as the language writes it, three paragraphs, a one-word subheading, a last
paragraph, a share widget, related articles and a footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class NewsPage:
    language: str
    menu: tuple[str, ...]
    login: str
    headline: str
    byline: str
    dateline: str
    author: str
    paragraphs: tuple[str, ...]
    subheading: str
    last: str
    share: tuple[str, ...]
    related: tuple[str, ...]
    footer: tuple[str, ...]

    @property
    def text(self) -> str:
        blocks = [
            "\n".join(self.menu), self.login, self.headline, f"{self.byline}\n{self.dateline}", *self.paragraphs,
            self.subheading, self.last, "\n".join(self.share), *self.related, "\n".join(self.footer),
        ]
        return "\n\n".join(blocks) + "\n"

    @property
    def html(self) -> str:
        """The same page as HTML: the menu and login link in a `<nav>`, the article in an
        `<article>`, the share links, the related links in an `<aside>` and a `<footer>`."""
        def tags(tag: str, items: tuple[str, ...], link: bool = False) -> str:
            return "".join(f"<{tag}><a href='#'>{escape(x)}</a></{tag}>" if link else f"<{tag}>{escape(x)}</{tag}>"
                           for x in items)

        return (
            f"<html lang='{self.language}'><head><title>{escape(self.headline)}</title></head><body>"
            f"<nav><ul>{tags('li', self.menu, True)}</ul><a href='/login'>{escape(self.login)}</a></nav>"
            f"<article><h1>{escape(self.headline)}</h1>{tags('p', (self.byline, self.dateline))}"
            f"{tags('p', self.paragraphs)}<h2>{escape(self.subheading)}</h2><p>{escape(self.last)}</p></article>"
            f"<div class='share'>{tags('span', self.share, True)}</div>"
            f"<aside><h3>{escape(self.related[0])}</h3><ul>{tags('li', self.related[1:], True)}</ul></aside>"
            f"<footer>{tags('p', self.footer)}</footer></body></html>"
        )

    @property
    def body(self) -> tuple[str, ...]:
        """The article's paragraphs, the last one included."""
        return (*self.paragraphs, self.last)

    @property
    def chrome(self) -> tuple[str, ...]:
        return (*self.menu, self.login, *self.share, *self.related, *self.footer)


PAGES = {
    "zh": NewsPage(
        language="zh",
        menu=("首页", "新闻", "体育", "天气", "联系我们"),
        login="登录",
        headline="市议会在经过一年的辩论后批准新建河滨公园",
        byline="作者：李明",
        dateline="2024年3月5日",
        author="李明",
        paragraphs=(
            "市议会周一投票批准新建河滨公园，结束了一场让全镇分裂了一年多、自去年春天以来每次公开会议都座无虚席的争论。",
            "公园将占地十二公顷，位于河边的旧工业用地上。据市议会规划办公室称，第一批树木预计将在秋季种植。",
            "支持者表示，公园将为拥挤的东部城区的家庭提供散步和玩耍的地方，而批评者则认为这笔钱本应用于修缮道路和学校。",
        ),
        subheading="资金",
        last="该项目将耗资约1400万欧元，其中大部分来自一个用于旧工业区改造的地区基金，市长在投票后对记者表示。",
        share=("分享这篇文章", "微博", "微信", "电子邮件"),
        related=("相关文章", "主桥将因道路施工封闭两周", "新公交线路连接大学和火车站"),
        footer=("版权所有 2024 城镇公报。保留所有权利。", "隐私政策"),
    ),
    "ja": NewsPage(
        language="ja",
        menu=("ホーム", "ニュース", "スポーツ", "天気", "お問い合わせ"),
        login="ログイン",
        headline="市議会、1年間の議論を経て新しい河川公園を承認",
        byline="文：田中花子",
        dateline="2024年3月5日 10:30",
        author="田中花子",
        paragraphs=(
            "市議会は月曜日、新しい河川公園の建設を承認する採決を行い、1年以上にわたって町を二分し、"
            "昨年の春以来すべての公開会議を満員にしてきた議論に終止符を打った。",
            "公園は川沿いの旧工業用地12ヘクタールに整備され、市議会の計画事務所によると、最初の木は秋に植えられる予定だという。",
            "賛成派は、公園が混雑した東部地区の家族に散歩や遊びの場を提供すると述べた一方、"
            "反対派はその資金を道路や学校の修繕に充てるべきだと主張した。",
        ),
        subheading="資金",
        last="事業費は約1400万ユーロで、その大部分は旧工業地域の再生のための地域基金から拠出されると、市長は採決後に記者団に語った。",
        share=("この記事をシェア", "Facebook", "X", "メール"),
        related=("関連記事", "道路工事のため中央橋が2週間通行止めに", "大学と駅を結ぶ新しいバス路線が開通"),
        footer=("Copyright 2024 タウン・ガゼット All rights reserved.", "プライバシーポリシー"),
    ),
    "th": NewsPage(
        language="th",
        menu=("หน้าแรก", "ข่าว", "กีฬา", "สภาพอากาศ", "ติดต่อเรา"),
        login="เข้าสู่ระบบ",
        headline="สภาเมืองอนุมัติสวนสาธารณะริมแม่น้ำแห่งใหม่หลังการถกเถียงนานหนึ่งปี",
        byline="โดย สมชาย ใจดี",
        dateline="5 มีนาคม 2567",
        author="สมชาย ใจดี",
        paragraphs=(
            "สภาเมืองลงมติเมื่อวันจันทร์ให้อนุมัติสวนสาธารณะริมแม่น้ำแห่งใหม่ "
            "ซึ่งยุติการถกเถียงที่แบ่งแยกคนในเมืองมานานกว่าหนึ่งปี และทำให้การประชุมสาธารณะทุกครั้งเต็มไปด้วยผู้คนตั้งแต่ฤดูใบไม้ผลิที่ผ่านมา",
            "สวนแห่งนี้จะครอบคลุมพื้นที่สิบสองเฮกตาร์บนที่ดินอุตสาหกรรมเก่าริมแม่น้ำ "
            "และคาดว่าต้นไม้ชุดแรกจะถูกปลูกในฤดูใบไม้ร่วง ตามข้อมูลของสำนักงานวางแผนของสภาเมือง",
            "ผู้สนับสนุนกล่าวว่าสวนแห่งนี้จะเป็นที่เดินเล่นและพักผ่อนสำหรับครอบครัวในเขตตะวันออกที่แออัด "
            "ขณะที่ผู้วิจารณ์แย้งว่าควรนำเงินไปซ่อมถนนและโรงเรียนแทน",
        ),
        subheading="งบประมาณ",
        last="โครงการนี้จะใช้งบประมาณราว 14 ล้านยูโร ส่วนใหญ่มาจากกองทุนระดับภูมิภาคเพื่อการฟื้นฟูพื้นที่อุตสาหกรรมเก่า "
        "นายกเทศมนตรีกล่าวกับผู้สื่อข่าวหลังการลงมติ",
        share=("แชร์บทความนี้", "Facebook", "Twitter", "อีเมล"),
        related=("บทความที่เกี่ยวข้อง", "ปิดสะพานหลักสองสัปดาห์เพื่อซ่อมถนน", "รถประจำทางสายใหม่เชื่อมมหาวิทยาลัยกับสถานี"),
        footer=("ลิขสิทธิ์ 2024 The Town Gazette สงวนลิขสิทธิ์", "นโยบายความเป็นส่วนตัว"),
    ),
    "ru": NewsPage(
        language="ru",
        menu=("Главная", "Новости", "Спорт", "Погода", "Контакты"),
        login="Войти",
        headline="Городской совет одобрил новый парк у реки после года споров",
        byline="Автор: Анна Иванова",
        dateline="5 марта 2024",
        author="Анна Иванова",
        paragraphs=(
            "Городской совет в понедельник проголосовал за создание нового парка у реки, положив конец спору, который "
            "больше года разделял жителей города и с прошлой весны собирал полные залы на каждом публичном заседании.",
            "Парк займёт двенадцать гектаров бывших промышленных земель вдоль реки, а первые деревья, по данным отдела "
            "планирования городского совета, высадят осенью.",
            "Сторонники проекта говорят, что парк даст семьям из перенаселённых восточных районов место для прогулок "
            "и игр, а критики считают, что деньги следовало потратить на ремонт дорог и школ.",
        ),
        subheading="Финансирование",
        last="Проект обойдётся примерно в 14 миллионов евро, большая часть которых поступит из регионального фонда "
        "восстановления старых промышленных территорий, сообщил мэр журналистам после голосования.",
        share=("Поделиться статьёй", "ВКонтакте", "Telegram", "Электронная почта"),
        related=("Похожие статьи", "Главный мост закроют на две недели из-за дорожных работ",
                 "Новый автобусный маршрут свяжет университет и вокзал"),
        footer=("© 2024 Городская газета. Все права защищены.", "Политика конфиденциальности"),
    ),
    "ar": NewsPage(
        language="ar",
        menu=("الرئيسية", "أخبار", "رياضة", "الطقس", "اتصل بنا"),
        login="تسجيل الدخول",
        headline="مجلس المدينة يوافق على الحديقة الجديدة على ضفاف النهر بعد عام من الجدل",
        byline="بقلم: أحمد حسن",
        dateline="5 مارس 2024",
        author="أحمد حسن",
        paragraphs=(
            "صوّت مجلس المدينة يوم الاثنين على الموافقة على إنشاء حديقة جديدة على ضفاف النهر، منهياً بذلك جدلاً "
            "قسم سكان المدينة لأكثر من عام وملأ كل اجتماع عام منذ الربيع الماضي.",
            "ستغطي الحديقة اثني عشر هكتاراً من الأراضي الصناعية السابقة على طول النهر، ومن المتوقع زراعة الأشجار "
            "الأولى في الخريف، وفقاً لمكتب التخطيط التابع للمجلس.",
            "وقال المؤيدون إن الحديقة ستمنح العائلات في الأحياء الشرقية المزدحمة مكاناً للمشي واللعب، بينما رأى "
            "المنتقدون أنه كان من الأفضل إنفاق الأموال على إصلاح الطرق والمدارس.",
        ),
        subheading="التمويل",
        last="وستبلغ تكلفة المشروع نحو 14 مليون يورو، سيأتي معظمها من صندوق إقليمي لتجديد المواقع الصناعية القديمة، "
        "بحسب ما قاله رئيس البلدية للصحفيين بعد التصويت.",
        share=("شارك هذا المقال", "فيسبوك", "تويتر", "البريد الإلكتروني"),
        related=("مقالات ذات صلة", "إغلاق الجسر الرئيسي لمدة أسبوعين بسبب أعمال الطرق", "خط حافلات جديد يربط الجامعة بالمحطة"),
        footer=("© 2024 جريدة المدينة. جميع الحقوق محفوظة.", "سياسة الخصوصية"),
    ),
    "de": NewsPage(
        language="de",
        menu=("Startseite", "Nachrichten", "Sport", "Wetter", "Kontakt"),
        login="Anmelden",
        headline="Stadtrat genehmigt neuen Park am Fluss nach einem Jahr Streit",
        byline="Von Julia Becker",
        dateline="5. März 2024",
        author="Julia Becker",
        paragraphs=(
            "Der Stadtrat hat am Montag dem neuen Park am Fluss zugestimmt und damit einen Streit beendet, der die Stadt "
            "mehr als ein Jahr lang gespalten und seit dem vergangenen Frühjahr jede öffentliche Sitzung gefüllt hatte.",
            "Der Park wird zwölf Hektar ehemaliger Industrieflächen entlang des Flusses umfassen, und die ersten Bäume "
            "sollen nach Angaben des Planungsamts der Stadt im Herbst gepflanzt werden.",
            "Befürworter sagten, der Park gebe Familien in den dicht bebauten östlichen Vierteln einen Ort zum Spazieren "
            "und Spielen, während Kritiker meinten, das Geld hätte für die Sanierung von Straßen und Schulen ausgegeben werden sollen.",
        ),
        subheading="Finanzierung",
        last="Das Projekt wird rund 14 Millionen Euro kosten, die zum größten Teil aus einem regionalen Fonds für die "
        "Erneuerung alter Industriestandorte stammen, sagte der Bürgermeister nach der Abstimmung.",
        share=("Artikel teilen", "Facebook", "Twitter", "E-Mail"),
        related=("Weitere Artikel", "Hauptbrücke wegen Straßenarbeiten zwei Wochen gesperrt",
                 "Neue Buslinie verbindet Universität und Bahnhof"),
        footer=("Copyright 2024 Stadtanzeiger. Alle Rechte vorbehalten.", "Datenschutz"),
    ),
    "es": NewsPage(
        language="es",
        menu=("Inicio", "Noticias", "Deportes", "Tiempo", "Contacto"),
        login="Iniciar sesión",
        headline="El ayuntamiento aprueba el nuevo parque junto al río tras un año de debate",
        byline="Por Lucía Fernández",
        dateline="5 de marzo de 2024",
        author="Lucía Fernández",
        paragraphs=(
            "El pleno del ayuntamiento votó el lunes a favor del nuevo parque junto al río, poniendo fin a un debate que "
            "ha dividido a la ciudad durante más de un año y que ha llenado cada reunión pública desde la pasada primavera.",
            "El parque ocupará doce hectáreas de antiguos terrenos industriales a lo largo del río, y los primeros árboles "
            "se plantarán en otoño, según la oficina de planificación municipal.",
            "Los partidarios dijeron que el parque dará a las familias de los abarrotados barrios del este un lugar para "
            "pasear y jugar, mientras que los críticos sostienen que el dinero debería haberse destinado a reparar calles y escuelas.",
        ),
        subheading="Financiación",
        last="El proyecto costará unos 14 millones de euros, que procederán en su mayor parte de un fondo regional para "
        "la renovación de antiguas zonas industriales, dijo el alcalde a los periodistas tras la votación.",
        share=("Compartir este artículo", "Facebook", "Twitter", "Correo electrónico"),
        related=("Artículos relacionados", "Cortan el puente principal durante dos semanas por obras",
                 "Una nueva línea de autobús une la universidad y la estación"),
        footer=("Copyright 2024 La Gaceta Local. Todos los derechos reservados.", "Política de privacidad"),
    ),
}
