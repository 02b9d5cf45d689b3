"""Hand-written story content for the labeled pages (original text written for this project).

Each article: lang, kind, title, standfirst (may be empty), byline, paragraphs; a paragraph that starts
with "## " is an in-body heading, one that starts with "- " is a list (items separated by " | "),
one that starts with "> " is a quote, one that starts with "``` " is a code block.
"""

ARTICLES = [
    dict(
        lang="en",
        kind="news",
        title="City council approves new bus lanes after months of debate",
        standfirst="The plan adds 14 kilometres of dedicated lanes on four of the busiest corridors.",
        byline="By Maria Okafor | March 3, 2026 | 4 min read",
        paragraphs=[
            "The city council voted 9 to 4 on Tuesday night to approve a network of dedicated bus lanes, ending a debate that had filled public hearings since last autumn.",
            "Supporters said the lanes would cut average journey times on the affected routes by up to a fifth, according to estimates prepared by the transport department. Opponents argued that shop owners along Harbour Road would lose parking that their customers depend on.",
            "“We listened to every objection, and we changed the plan where it made sense,” said councillor Ruth Adeyemi, who chairs the transport committee. The final version keeps loading bays on side streets and moves two of the lanes to off-peak hours only.",
            "## What changes for riders",
            "- Routes 12, 18 and 40 get lanes along their full length | Buses will run every six minutes at peak times | Cameras will enforce the lanes from September",
            "Construction is expected to start in June and last about eight months. The department said the work would be done in stages so that no corridor is closed entirely.",
            "The vote follows a similar decision in the neighbouring district, where bus ridership rose by eleven percent in the first year after lanes were painted.",
        ],
    ),
    dict(
        lang="en",
        kind="news",
        title="Drought pushes farmers to try older grain varieties",
        standfirst="Seed banks report a surge in requests for heritage wheat that needs less water.",
        byline="Daniel Reyes, Agriculture correspondent — Updated 11:42 AM",
        paragraphs=[
            "For the third summer in a row, rainfall across the southern plains has fallen well short of the long-term average, and some farmers are reaching back a century for an answer.",
            "At a regional seed bank outside Pueblo, staff say requests for heritage wheat varieties have tripled since January. The older strains yield less grain in a good year, but they put down deeper roots and tolerate heat better than many modern hybrids.",
            "“In a bad year, a smaller harvest beats no harvest,” said Ellen Voss, who farms 600 acres with her brother. She planted a quarter of her land with a variety first grown in the region in the 1920s.",
            "Agronomists caution that the switch is not a cure. Heritage grains can be more prone to lodging, when stalks bend and break before harvest, and they fetch uneven prices because few mills are set up to handle small lots.",
            "State extension offices plan field days this autumn to compare yields side by side, and the results will be published in the winter bulletin.",
        ],
    ),
    dict(
        lang="en",
        kind="news",
        title="Museum returns carved panels to their village after 90 years",
        standfirst="",
        byline="Published 14 May 2026 · Sarah Lindqvist",
        paragraphs=[
            "Three carved wooden panels that left a mountain village in 1936 went home on Saturday, carried up the final stretch of road by members of the families who once owned them.",
            "The panels, which show harvest scenes and a wedding procession, were bought by a collector and later donated to the national museum, where they hung in a side gallery for decades.",
            "Museum director Paul Hartmann said research by a doctoral student had shown that the sale took place under pressure during a famine year. “When the facts became clear, the decision was not difficult,” he said.",
            "The village has built a small heated room in its school to house the panels. Visitors will be able to see them on weekends from next month.",
            "Similar requests are pending for two other objects in the collection, the museum said, and a review of its acquisitions from the 1930s is under way.",
        ],
    ),
    dict(
        lang="en",
        kind="blog",
        title="What I learned from a year of commuting by bike",
        standfirst="Twelve months, about 4,000 kilometres, and one very wet November.",
        byline="Posted on January 9, 2026 by Tom Brennan",
        paragraphs=[
            "A year ago I sold my car, mostly out of stubbornness. My office is eleven kilometres away, there is a river in the middle, and the only bridge with a cycle lane adds a detour. Here is what the year taught me.",
            "## Fenders matter more than the bike",
            "I spent weeks choosing a frame and about five minutes thinking about fenders. That was backwards. Full-length fenders kept me dry on the days when the road was wet but the sky was not, which in this city is most days.",
            "## Lights, then more lights",
            "From October to February I rode home in the dark. A bright front light helps you see, but the rear light is what keeps drivers aware of you. I now run two, one steady and one flashing.",
            "- Keep a spare tube and a small pump at work | Check tyre pressure every Sunday | Carry a rain jacket even when the forecast is dry",
            "Was it worth it? I am fitter, I spend less on transport, and I know every pothole between my door and the office. I am not going back.",
        ],
    ),
    dict(
        lang="en",
        kind="blog",
        title="Repotting a root-bound fiddle leaf fig without killing it",
        standfirst="",
        byline="by Priya Natarajan · 6 min read",
        paragraphs=[
            "My fiddle leaf fig had stopped growing for almost a year before I finally slid it out of its pot and saw the problem: a solid spiral of roots with almost no soil left.",
            "The best time to repot is late spring, when the plant is starting to grow again. Choose a pot only five centimetres wider than the old one; a much larger pot holds water the roots cannot reach, and that invites rot.",
            "Tease the outer roots loose with your fingers. If they are wound very tightly, make three or four shallow vertical cuts with a clean knife. It feels brutal, but it encourages new roots to grow outward.",
            "Water thoroughly once, then wait until the top few centimetres of soil are dry before watering again. Expect a few dropped leaves in the first weeks. Mine lost two and then pushed out six new ones by midsummer.",
        ],
    ),
    dict(
        lang="en",
        kind="news",
        title="Regional airline adds three routes as demand for short flights recovers",
        standfirst="Bookings on routes under 500 kilometres are back above pre-pandemic levels, the company says.",
        byline="Business desk | 22 Feb 2026",
        paragraphs=[
            "North Coast Air will begin flying to three new destinations in April, the carrier said on Thursday, as passenger numbers on short regional routes continue to climb.",
            "The airline will use two turboprop aircraft leased from a European lessor. Chief executive Hannah Moore said the smaller planes make routes viable that would lose money with jets.",
            "Analysts noted that the company's fuel costs remain high and that competition from a new rail link could weigh on one of the routes. Shares rose 3 percent in morning trading.",
            "The company also said it would hire 40 cabin crew and 12 pilots over the coming year, most of them at its main base.",
        ],
    ),
    dict(
        lang="en",
        kind="news",
        title="Volunteers count record number of migrating cranes at the lake",
        standfirst="",
        byline="By Jonas Weber, Staff writer",
        paragraphs=[
            "More than 31,000 common cranes stopped at Lake Morrow during the autumn migration, the highest count since volunteers began keeping records in 1998.",
            "The birds rest on the shallow southern shore at night and feed in the surrounding fields during the day. Counters work in pairs at dawn, when flocks lift off in long, noisy lines.",
            "Ornithologists attribute the increase partly to wetland restoration around the lake, which raised water levels in the roosting area, and partly to milder winters further north.",
            "Local farmers have mixed feelings. The cranes eat leftover maize, but they also trample newly sown winter wheat. A compensation scheme pays for documented damage.",
            "The visitor centre runs guided evening walks until the end of November. Groups are limited to 20 people to keep disturbance low.",
        ],
    ),
    dict(
        lang="en",
        kind="blog",
        title="Why our team stopped estimating in story points",
        standfirst="We replaced a ritual nobody trusted with a simple count of finished work.",
        byline="Engineering blog — Alex Kim, 2026-04-02",
        paragraphs=[
            "For three years our planning meetings started with a round of estimation poker. For three years the numbers predicted almost nothing about when work would actually ship.",
            "When we looked back at eighteen months of data, the correlation between estimated points and elapsed days was weaker than the correlation between the number of people who touched a ticket and elapsed days.",
            "So we stopped. Now we split work until each item feels like it takes less than three days, and we forecast with the count of items finished per week. The forecasts are no worse, and planning takes twenty minutes instead of two hours.",
            "> Estimates are not the problem; false precision is.",
            "This will not suit every team. If your stakeholders need budgets in hours, you still need some way to translate. But it is worth measuring whether your estimates earn the time they cost.",
        ],
    ),
    dict(
        lang="de",
        kind="news",
        title="Neue Radbrücke über den Kanal wird im Herbst eröffnet",
        standfirst="Die Bauarbeiten liegen im Zeitplan, die Kosten sind leicht gestiegen.",
        byline="Von Lena Hoffmann | 12.03.2026, 09:15 Uhr",
        paragraphs=[
            "Die neue Brücke für Fußgänger und Radfahrer über den Stichkanal soll im Oktober freigegeben werden. Das teilte die Stadtverwaltung am Mittwoch mit.",
            "Mit einer Länge von 86 Metern verbindet die Brücke das Neubaugebiet am Hafen mit der Innenstadt. Bisher mussten Radfahrer einen Umweg von fast zwei Kilometern fahren.",
            "Die Kosten steigen nach Angaben der Stadt von 7,8 auf 8,4 Millionen Euro. Grund seien höhere Preise für Stahl und eine aufwendigere Gründung im weichen Boden am Ufer.",
            "„Wir sind froh, dass wir trotz aller Schwierigkeiten im Zeitplan liegen“, sagte Baudezernentin Katrin Albers. Der Bund übernimmt einen Großteil der Kosten über ein Förderprogramm.",
            "Während der letzten Bauphase wird der Uferweg an mehreren Wochenenden gesperrt. Die Termine werden rechtzeitig bekannt gegeben.",
        ],
    ),
    dict(
        lang="de",
        kind="blog",
        title="Sauerteig ansetzen: meine Erfahrungen nach drei Versuchen",
        standfirst="",
        byline="Veröffentlicht am 4. Februar 2026 von Jana",
        paragraphs=[
            "Zweimal ist mein Sauerteig gescheitert, beim dritten Mal hat es geklappt. Hier schreibe ich auf, was den Unterschied gemacht hat.",
            "Der wichtigste Punkt war die Temperatur. In unserer Altbauwohnung hat die Küche im Winter kaum 18 Grad. Erst als ich das Glas in den Backofen mit eingeschaltetem Licht gestellt habe, wurde der Ansatz richtig aktiv.",
            "Außerdem habe ich anfangs zu viel gefüttert. Ein Teil Anstellgut, ein Teil Mehl und ein Teil Wasser reichen völlig aus. Vollkornroggen hilft in den ersten Tagen, weil er mehr Hefen und Bakterien mitbringt.",
            "Nach etwa einer Woche verdoppelte sich der Teig zuverlässig innerhalb von sechs Stunden. Das erste Brot war noch etwas flach, aber geschmacklich schon deutlich besser als alles vom Bäcker um die Ecke.",
        ],
    ),
    dict(
        lang="de",
        kind="news",
        title="Bibliotheken verlängern Öffnungszeiten in der Prüfungsphase",
        standfirst="Studierende können ab Montag bis Mitternacht lernen.",
        byline="dpa/red – 28.01.2026",
        paragraphs=[
            "Die Universitätsbibliothek und zwei Fachbibliotheken öffnen während der Prüfungszeit länger. Von Montag an bleiben die Lesesäle bis 24 Uhr geöffnet, am Wochenende bis 22 Uhr.",
            "Die Studierendenvertretung hatte die Verlängerung seit Jahren gefordert. Die zusätzlichen Stunden werden von studentischen Hilfskräften betreut.",
            "Ein Sprecher der Universität sagte, man wolle nach dem Semester auswerten, wie stark das Angebot genutzt werde. Danach entscheide man über eine dauerhafte Lösung.",
        ],
    ),
    dict(
        lang="fr",
        kind="news",
        title="La ville plante 5 000 arbres pour lutter contre les îlots de chaleur",
        standfirst="Les quartiers les plus minéralisés seront servis en priorité.",
        byline="Par Claire Dubois — publié le 8 avril 2026 à 10h30",
        paragraphs=[
            "La municipalité a présenté mardi un plan de plantation de 5 000 arbres d’ici 2028, concentré sur les quartiers où les températures estivales sont les plus élevées.",
            "Selon une étude menée l’été dernier, l’écart de température entre certaines places bétonnées et les parcs voisins atteignait huit degrés en fin de journée.",
            "« Un arbre planté aujourd’hui ne donnera pas d’ombre avant dix ans, c’est pourquoi il faut commencer maintenant », a expliqué l’adjointe chargée de l’environnement, Sophie Marchand.",
            "Les essences ont été choisies pour leur résistance à la sécheresse : micocouliers, chênes verts et érables de Montpellier. Les habitants pourront parrainer un arbre et participer à son arrosage.",
        ],
    ),
    dict(
        lang="fr",
        kind="blog",
        title="Trois jours à pied sur le sentier des douaniers",
        standfirst="",
        byline="Écrit par Julien, le 17 juin 2026",
        paragraphs=[
            "Nous sommes partis de Perros-Guirec avec des sacs trop lourds et une météo incertaine. Trois jours plus tard, nous arrivions à Locquirec, fatigués mais ravis.",
            "Le premier jour longe la côte de granit rose. Les rochers prennent des formes étonnantes et le chemin reste facile, même avec dix kilos sur le dos.",
            "Le deuxième jour est plus sauvage. Les villages sont rares, il faut prévoir de l’eau et un pique-nique. Nous avons dormi dans un gîte d’étape très simple mais accueillant.",
            "Conseil pratique : vérifiez les horaires des marées avant de partir, certains passages deviennent impraticables à marée haute.",
        ],
    ),
    dict(
        lang="fr",
        kind="news",
        title="Le festival de jazz affiche complet pour sa vingtième édition",
        standfirst="Plus de 40 concerts sont prévus sur cinq scènes.",
        byline="Rédaction culture · 2 juillet 2026",
        paragraphs=[
            "Pour sa vingtième édition, le festival de jazz de la vallée a vendu tous ses billets en moins de trois semaines, un record selon les organisateurs.",
            "La programmation mêle têtes d’affiche internationales et jeunes musiciens de la région. Une scène gratuite sera installée sur la place du marché pendant les cinq jours.",
            "Les organisateurs recommandent de venir en train : des navettes relieront la gare au site toutes les vingt minutes jusqu’à deux heures du matin.",
        ],
    ),
    dict(
        lang="es",
        kind="news",
        title="El ayuntamiento amplía el horario del metro los fines de semana",
        standfirst="La medida se aplicará a partir del próximo mes en las cuatro líneas.",
        byline="Por Lucía Fernández | 15 de marzo de 2026",
        paragraphs=[
            "El metro funcionará hasta las dos de la madrugada los viernes y sábados a partir de abril, según anunció este lunes la concejala de Movilidad.",
            "La ampliación responde a una petición de asociaciones vecinales y del sector de la hostelería, que reclamaban una alternativa segura al coche en las noches de fin de semana.",
            "El coste adicional se estima en 3,2 millones de euros al año. La concejala explicó que se financiará en parte con la nueva tasa turística.",
            "Los sindicatos han pedido que el servicio nocturno se cubra con nuevas contrataciones y no con horas extraordinarias del personal actual.",
        ],
    ),
    dict(
        lang="es",
        kind="blog",
        title="Cómo organicé mi primera huerta en el balcón",
        standfirst="",
        byline="Publicado el 3 de mayo de 2026 por Carmen",
        paragraphs=[
            "Mi balcón mide apenas cuatro metros cuadrados y recibe sol solo por la mañana. Aun así, este año he cosechado tomates cherry, lechugas y muchas hierbas aromáticas.",
            "Lo más importante fue elegir bien los recipientes. Usé macetas profundas para los tomates y jardineras alargadas para las lechugas, todas con buen drenaje.",
            "El riego por goteo con una botella invertida me salvó durante las vacaciones de agosto. Es un sistema barato y funciona mejor de lo que esperaba.",
        ],
    ),
    dict(
        lang="es",
        kind="news",
        title="Investigadores descubren una nueva especie de rana en los Andes",
        standfirst="El anfibio mide menos de dos centímetros y vive en bosques nublados.",
        byline="Agencias — 21/01/2026",
        paragraphs=[
            "Un equipo de biólogos ha descrito una nueva especie de rana en un bosque nublado de los Andes, a más de 2.800 metros de altitud.",
            "La rana, de color pardo con manchas anaranjadas, fue identificada gracias a su canto, distinto al de las especies cercanas, y a análisis genéticos.",
            "Los autores advierten de que su hábitat es muy reducido y está amenazado por la expansión agrícola, por lo que proponen clasificarla como en peligro.",
        ],
    ),
    dict(
        lang="ja",
        kind="news",
        title="市営バス、来月から深夜便を試験運行",
        standfirst="",
        byline="2026年3月5日 10時20分",
        paragraphs=[
            "市交通局は、来月から中心部と郊外を結ぶ3路線で深夜バスの試験運行を始めると発表した。",
            "運行は金曜日と土曜日の夜に限り、最終便は午前1時に駅前を出発する。運賃は通常と同じで、交通系ICカードも利用できる。",
            "交通局によると、飲食店で働く人や夜勤のある医療従事者から要望が多く寄せられていた。利用状況を半年間調べたうえで、本格運行するかどうかを判断する。",
            "市長は記者会見で「夜でも安心して帰れる街にしたい」と述べた。",
        ],
    ),
    dict(
        lang="ja",
        kind="blog",
        title="初めての燻製づくり、失敗から学んだこと",
        standfirst="",
        byline="投稿日：2026年2月11日　投稿者：けんた",
        paragraphs=[
            "週末にベランダで初めて燻製に挑戦した。結論から言うと、一回目は見事に失敗した。",
            "原因は温度管理だった。チップを入れすぎて煙が強くなりすぎ、チーズの表面が苦くなってしまった。",
            "二回目はチップを半分に減らし、蓋を少し開けて煙を逃がした。三十分ほどで、ほんのり色づいたおいしいチーズができあがった。",
            "次はゆで卵とベーコンに挑戦してみたい。",
        ],
    ),
    dict(
        lang="zh",
        kind="news",
        title="城市图书馆推出24小时自助借还服务",
        standfirst="",
        byline="记者 王晓明 2026年4月18日",
        paragraphs=[
            "市图书馆宣布，从下周一起，在主馆和三个分馆设置24小时自助借还设备，读者可以在夜间和节假日借书还书。",
            "据介绍，每台设备可存放约四百册图书，读者只需刷身份证或读者证即可完成操作。",
            "图书馆负责人表示，近年来夜间阅读需求明显增加，希望通过自助服务方便上班族和学生。",
            "今后还计划在地铁站附近增设更多借还点。",
        ],
    ),
    dict(
        lang="zh",
        kind="blog",
        title="我的第一次长途骑行：三天两百公里",
        standfirst="",
        byline="发布于 2026-05-02 作者：小林",
        paragraphs=[
            "一直想尝试长途骑行，这个五一假期终于出发了。三天一共骑了两百多公里，沿着湖边和山路一路向南。",
            "第一天最辛苦，下午遇到逆风，速度很慢。晚上住在一个小镇的民宿，老板还给我们做了热汤面。",
            "第二天风景最好，山路虽然有些陡，但一路都是油菜花和茶园。",
            "总结一下经验：提前检查车况，多带水，不要高估自己的体力。",
        ],
    ),
    dict(
        lang="ru",
        kind="news",
        title="В городе откроют новый парк на месте бывшего завода",
        standfirst="Работы начнутся весной и займут около двух лет.",
        byline="Анна Смирнова, 10 марта 2026",
        paragraphs=[
            "Городские власти утвердили проект парка площадью 12 гектаров на территории бывшего механического завода у реки.",
            "Часть заводских корпусов сохранят: в них разместятся кафе, мастерские и выставочный зал. Остальную территорию очистят и засадят деревьями.",
            "По словам главного архитектора города, жители участвовали в обсуждении проекта и предложили добавить площадки для собак и велодорожку вдоль набережной.",
            "Стоимость работ оценивается в 1,4 миллиарда рублей.",
        ],
    ),
    dict(
        lang="ru",
        kind="blog",
        title="Как я выучил испанский за год без курсов",
        standfirst="",
        byline="Опубликовано 20 января 2026, автор: Игорь",
        paragraphs=[
            "Год назад я не знал по-испански ни слова. Сегодня я спокойно смотрю сериалы без субтитров и переписываюсь с друзьями из Мадрида.",
            "Главным было ежедневное занятие, пусть даже пятнадцать минут. Я учил слова по карточкам утром и слушал подкасты по дороге на работу.",
            "Через полгода я нашёл собеседника для обмена языками. Разговор раз в неделю дал больше, чем все учебники вместе.",
        ],
    ),
    dict(
        lang="pt",
        kind="news",
        title="Prefeitura inaugura ciclovia ao longo do rio",
        standfirst="",
        byline="Por Ana Souza — 9 de abril de 2026",
        paragraphs=[
            "A prefeitura inaugurou neste sábado uma ciclovia de sete quilômetros ao longo da margem do rio, ligando o centro aos bairros da zona norte.",
            "A obra custou 18 milhões de reais e inclui iluminação, bicicletários e dois pontos de apoio com água potável.",
            "Ciclistas que participaram da inauguração elogiaram o projeto, mas pediram mais segurança nos cruzamentos com avenidas movimentadas.",
        ],
    ),
]

FORUM_THREADS = [
    dict(
        lang="en",
        title="Dishwasher leaves white film on glasses — hard water?",
        posts=[
            (
                "kettle_ken",
                "Mar 2, 2026",
                "Since we moved house our dishwasher leaves a chalky white film on every glass. Same detergent, same machine. Is this the water? What can I do about it?",
            ),
            (
                "Mira_B",
                "Mar 2, 2026",
                "Almost certainly hard water. Check whether your machine has a salt compartment and set the hardness level in the menu. Most people never touch that setting.",
            ),
            (
                "kettle_ken",
                "Mar 3, 2026",
                "You were right, the setting was on the lowest level. Filled the salt and changed it to level 5. First load already looks much better, thanks!",
            ),
            (
                "oldplumber",
                "Mar 4, 2026",
                "Also run an empty cycle with citric acid once a month. It clears the scale from the spray arms and the heating element.",
            ),
        ],
    ),
    dict(
        lang="en",
        title="Best way to store winter tyres in a small garage?",
        posts=[
            (
                "rallyfan88",
                "Oct 12, 2025",
                "Swapping to summer tyres next week and I have very little space. Stack them flat or stand them upright?",
            ),
            (
                "Jess T.",
                "Oct 12, 2025",
                "Tyres on rims can be stacked flat or hung on a wall hook. Tyres without rims should stand upright and be rotated every month so they do not deform.",
            ),
            ("rallyfan88", "Oct 13, 2025", "They are on rims, so a wall bracket it is. Thanks."),
        ],
    ),
    dict(
        lang="de",
        title="Balkonkraftwerk: Anmeldung beim Netzbetreiber nötig?",
        posts=[
            (
                "sonnenschein77",
                "14.02.2026",
                "Ich möchte ein kleines Balkonkraftwerk mit 800 Watt installieren. Muss ich das noch beim Netzbetreiber anmelden oder reicht das Marktstammdatenregister?",
            ),
            (
                "Elektro_Max",
                "14.02.2026",
                "Seit der Gesetzesänderung reicht die Eintragung im Marktstammdatenregister. Der Netzbetreiber wird darüber informiert. Ein alter Ferraris-Zähler darf vorübergehend weiterlaufen.",
            ),
            ("sonnenschein77", "15.02.2026", "Super, danke für die schnelle Antwort. Dann bestelle ich heute noch."),
        ],
    ),
]

DOCS = [
    dict(
        lang="en",
        title="Configuring retries for the HTTP client",
        paragraphs=[
            "By default the client does not retry failed requests. You can enable retries for idempotent methods by passing a retry policy when you create the client.",
            "``` client = Client(retries=Retry(total=3, backoff=0.5, status=[502, 503, 504]))",
            "## Backoff",
            "The delay before each retry grows exponentially: the first retry waits `backoff` seconds, the second twice that, and so on. A random jitter of up to ten percent is added so that many clients do not retry at the same moment.",
            "## Which requests are retried",
            "- GET, HEAD, PUT, DELETE and OPTIONS are retried | POST and PATCH are never retried unless you opt in | Connection errors are retried before any response arrives",
            "Note that retries count toward the request timeout. If the total time exceeds the timeout, the client raises a TimeoutError even when retries remain.",
        ],
    ),
    dict(
        lang="en",
        title="Exporting reports to CSV",
        paragraphs=[
            "Any report can be exported as a CSV file from the report toolbar. The export contains the same columns and filters that are visible on screen.",
            "## Large exports",
            "Exports with more than 100,000 rows run in the background. You receive an email with a download link when the file is ready; links expire after seven days.",
            "``` reports export --id 4821 --format csv --output q1.csv",
            "Dates are written in ISO 8601 format and numbers use a dot as the decimal separator, whatever your display settings.",
        ],
    ),
    dict(
        lang="de",
        title="Installation unter Linux",
        paragraphs=[
            "Das Programm benötigt Python 3.10 oder neuer. Die Installation erfolgt am einfachsten über den Paketmanager pip.",
            "``` pip install --user werkzeugkasten",
            "## Konfiguration",
            "Beim ersten Start wird die Datei ~/.config/werkzeugkasten/config.toml angelegt. Dort lassen sich Sprache, Speicherort und Proxy-Einstellungen festlegen.",
            "Ältere Versionen können parallel installiert bleiben; das Programm verwendet immer die neueste gefundene Konfiguration.",
        ],
    ),
]

PRODUCTS = [
    dict(
        lang="en",
        title="Trailmaster 2 Person Backpacking Tent",
        price="$249.00",
        paragraphs=[
            "A freestanding two-person tent that weighs 1.6 kg packed and pitches in under five minutes with a single hub pole.",
            "- Floor area: 2.8 m² | Peak height: 105 cm | Two doors and two vestibules | Hydrostatic head: 3,000 mm fly, 5,000 mm floor",
            "## Frequently asked questions",
            "Can I pitch the fly without the inner tent? Yes, with the optional footprint you can set up the fly and poles alone for a lighter shelter.",
        ],
        reviews=[
            (
                "Hiker_Jo",
                "5 out of 5 stars",
                "Used it for ten nights in the Highlands. Stayed dry in heavy rain and the two doors are great.",
            ),
            ("mark r", "4 out of 5 stars", "Light and quick to pitch. Pegs are flimsy, I replaced them."),
        ],
    ),
    dict(
        lang="en",
        title="Ceramic Pour-Over Coffee Dripper, Size 02",
        price="$32.50",
        paragraphs=[
            "A glazed porcelain dripper with spiral ribs that keep the filter off the wall, for an even extraction and a clean cup.",
            "- Fits size 02 cone filters | Brews 1 to 4 cups | Dishwasher safe | Made in Japan",
            "Pre-heat the dripper with hot water before brewing; porcelain holds heat well once warm.",
        ],
        reviews=[
            ("coffeenerd", "5 stars", "Heavier than plastic but keeps the temperature stable. My daily brewer now."),
            ("Anna K.", "3 stars", "Nice, but the handle gets hot."),
        ],
    ),
    dict(
        lang="de",
        title="Akku-Bohrschrauber 18 V mit zwei Akkus",
        price="129,99 €",
        paragraphs=[
            "Kompakter Bohrschrauber mit bürstenlosem Motor, 60 Nm Drehmoment und 21 Drehmomentstufen für Holz, Metall und Mauerwerk.",
            "- Leerlaufdrehzahl: 0–450 / 0–1.800 min⁻¹ | Gewicht mit Akku: 1,4 kg | Lieferumfang: 2 Akkus 2,0 Ah, Ladegerät, Koffer",
            "Die LED-Arbeitsleuchte schaltet sich beim Drücken des Schalters automatisch ein.",
        ],
        reviews=[
            ("Heimwerker_Tom", "5 von 5 Sternen", "Viel Kraft für die Größe, die Akkus halten lange."),
            ("S. Meier", "4 von 5 Sternen", "Gutes Gerät, der Koffer könnte stabiler sein."),
        ],
    ),
]

RECIPES = [
    dict(
        lang="en",
        title="Weeknight Lentil and Spinach Soup",
        intro="A thick, warming soup that comes together in 35 minutes from pantry staples.",
        ingredients=[
            "1 tbsp olive oil",
            "1 onion, finely chopped",
            "2 carrots, diced",
            "2 cloves garlic",
            "200 g red lentils",
            "1.2 litres vegetable stock",
            "100 g baby spinach",
            "Juice of half a lemon",
        ],
        steps=[
            "Heat the oil in a large pot and soften the onion and carrots for eight minutes.",
            "Add the garlic and cook for one minute, then stir in the lentils and stock.",
            "Simmer for 20 minutes until the lentils collapse, then stir in the spinach until wilted.",
            "Season with salt, pepper and lemon juice, and serve with crusty bread.",
        ],
    ),
    dict(
        lang="en",
        title="Crispy Smashed Potatoes with Herb Yogurt",
        intro="Boiled, flattened and roasted until the edges shatter.",
        ingredients=[
            "800 g small waxy potatoes",
            "3 tbsp olive oil",
            "150 g Greek yogurt",
            "1 small bunch dill",
            "1 tsp flaky salt",
        ],
        steps=[
            "Boil the potatoes in salted water for 15 minutes, until tender.",
            "Drain, spread on an oiled tray and press each one flat with the bottom of a glass.",
            "Drizzle with oil and roast at 220 °C for 30 minutes, turning once.",
            "Stir the chopped dill into the yogurt and serve alongside.",
        ],
    ),
    dict(
        lang="fr",
        title="Tarte fine aux pommes",
        intro="Une tarte très simple, prête en quarante minutes.",
        ingredients=[
            "1 pâte feuilletée",
            "4 pommes",
            "30 g de beurre",
            "2 c. à soupe de sucre",
            "1 sachet de sucre vanillé",
        ],
        steps=[
            "Préchauffez le four à 200 °C.",
            "Étalez la pâte sur une plaque et piquez-la à la fourchette.",
            "Coupez les pommes en fines lamelles et disposez-les en rosace.",
            "Parsemez de sucre et de noisettes de beurre, puis enfournez 25 minutes.",
        ],
    ),
]
