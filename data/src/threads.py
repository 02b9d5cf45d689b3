"""Hand-written reader comments for threaded discussions under articles, per language.

Each comment is a list of paragraphs; threads mix one-liners with long multi-paragraph replies, quotes
of earlier comments and off-topic asides, as real comment sections do. Written for this project.
"""

THREAD_COMMENTS = {
    "en": [
        ["This is the first sensible take on the subject I have read all week."],
        [
            "I live about ten minutes from there and I can tell you the article leaves out the most important part.",
            "Nobody asked the people who actually use the service every day. The consultation ran for three weeks in "
            "August, when half the town was away, and the only meeting was on a weekday afternoon.",
            "So yes, technically there was public input. In practice there was none.",
        ],
        ["Source for the numbers in the third paragraph? They look high to me."],
        [
            "> Nobody asked the people who actually use the service every day.",
            "That is simply not true. I went to two of the sessions and both were packed. You may not like the "
            "outcome, but it was not decided behind closed doors.",
        ],
        [
            "Every few years somebody rediscovers this idea, writes a glowing piece about it, and then nothing "
            "changes. I will believe it when I see it.",
            "Remember the ferry plan? Same promises, same optimistic timeline, and the landing stage is still a "
            "car park.",
        ],
        ["Thanks for covering this. Local reporting like this is why I still pay for a subscription."],
        [
            "Honest question: who is paying for all of this? The piece mentions the budget twice but never says "
            "where the money comes from."
        ],
        [
            "It comes out of the regional transport fund, which was topped up last spring. It was in the minutes "
            "of the March meeting if you want to look it up."
        ],
        [
            "I work in this field and a couple of points are a bit off.",
            "First, the comparison with other cities is not like for like. Most of them counted only peak hours, "
            "while the figure quoted here covers the whole day.",
            "Second, the cost estimate leaves out maintenance, which over twenty years is usually bigger than the "
            "build itself.",
            "None of that means it is a bad idea. It just means the headline number will look very different in "
            "five years.",
        ],
        ["Great, more of my taxes going on consultants."],
        ["Can we please keep this civil? The last thread on this topic got closed after two days."],
        ["My grandfather used to say the same thing about the old line, and he was right then too."],
        [
            "I tried this myself two summers ago. It works, but not for the reasons given here.",
            "What made the difference for us was timing, not the method. Start early and most of the problems "
            "described simply never show up.",
        ],
        ["Interesting that the opposing view gets exactly one sentence at the very end."],
        ["Not everything needs a both-sides treatment. Some ideas are just better than others."],
        ["Agreed with most of this, but the photo caption has the wrong year."],
        [
            "We moved here from the city precisely to get away from this kind of thing. Now it is following us.",
            "I am not against change, I just wish it came with a plan for the people who are already here.",
        ],
        ["Does anyone know if the same rules apply outside the centre? The article is not clear on that."],
        ["They do, from next year. The map on the council website shows the zones."],
        ["This comment section is a perfect example of why nothing ever gets built anywhere."],
        ["Brilliant. Sending this to my brother, who has been arguing the opposite for a decade."],
        ["I read it twice and I still do not understand what actually changes on Monday."],
        ["Short version: the timetable stays, the prices go up, and the old passes are valid until June."],
        [
            "As someone who was against it at first, I have to admit the trial period changed my mind.",
            "The queues I was worried about never happened, and the noise complaints dropped rather than rose.",
            "I would still like to see the full data published, not just the summary.",
        ],
        ["Typical. Announce the good news on a Friday and bury the costs in an appendix."],
    ],
    "de": [
        ["Endlich mal ein sachlicher Artikel zu dem Thema."],
        [
            "Ich wohne direkt an der Strecke und kann nur sagen: Die Zahlen im Artikel sind geschönt.",
            "Morgens zwischen sieben und acht ist es deutlich voller als dort beschrieben, und abends fällt jede "
            "dritte Verbindung aus.",
            "Solange sich daran nichts ändert, helfen auch neue Pläne wenig.",
        ],
        ["Woher stammen die Zahlen im dritten Absatz? Eine Quelle wäre schön."],
        [
            "> Die Zahlen im Artikel sind geschönt.",
            "Das sehe ich anders. Die Werte stammen aus dem Jahresbericht und sind dort für jeden nachzulesen.",
        ],
        [
            "Das wurde doch schon vor zehn Jahren versprochen. Passiert ist seitdem nichts.",
            "Ich glaube es erst, wenn die Bagger rollen.",
        ],
        ["Danke für die gute Recherche, genau deshalb habe ich mein Abo verlängert."],
        ["Wer bezahlt das eigentlich am Ende? Im Text steht dazu leider kein Wort."],
        [
            "Ich arbeite in der Branche und muss zwei Punkte ergänzen.",
            "Erstens sind die Vergleichszahlen aus anderen Städten nicht direkt übertragbar, weil dort nur die "
            "Hauptverkehrszeit gezählt wurde.",
            "Zweitens fehlen die Wartungskosten, die über die Jahre meist höher ausfallen als der Bau selbst.",
        ],
        ["Bitte bleibt sachlich, der letzte Thread wurde wegen Beleidigungen geschlossen."],
        ["Gilt das auch für die Ortsteile außerhalb des Zentrums?"],
        ["Ja, ab dem nächsten Jahr. Die Karte dazu steht auf der Seite der Stadt."],
        [
            "Ich war anfangs dagegen, aber die Testphase hat mich überzeugt.",
            "Die befürchteten Staus sind ausgeblieben, und es ist spürbar ruhiger geworden.",
        ],
    ],
    "fr": [
        ["Enfin un article qui prend le temps d'expliquer les choses."],
        [
            "J'habite à deux pas et je peux vous dire que l'article oublie l'essentiel.",
            "Personne n'a demandé l'avis des gens qui utilisent ce service tous les jours. La consultation a duré "
            "trois semaines, en plein mois d'août.",
            "Officiellement, il y a eu concertation. En pratique, aucune.",
        ],
        ["Vous avez une source pour les chiffres du troisième paragraphe ?"],
        [
            "> Personne n'a demandé l'avis des gens.",
            "C'est faux, j'étais à deux réunions publiques et la salle était pleine.",
        ],
        [
            "On nous promet ça tous les cinq ans. J'y croirai quand je le verrai.",
            "Souvenez-vous du projet de navette : mêmes promesses, même calendrier, et toujours rien.",
        ],
        ["Merci pour ce travail, c'est pour ce genre d'article que je suis abonné."],
        ["Qui paie, au final ? L'article ne le dit pas."],
        [
            "Je travaille dans ce domaine et quelques points méritent d'être précisés.",
            "Les comparaisons avec les autres villes ne portent pas sur les mêmes périodes, et le coût annoncé "
            "n'inclut pas l'entretien, qui pèse souvent plus lourd que la construction.",
        ],
        ["Restons courtois, s'il vous plaît. Le dernier fil a été fermé au bout de deux jours."],
        ["Est-ce que les mêmes règles s'appliquent en dehors du centre-ville ?"],
        ["Oui, à partir de l'an prochain. La carte est sur le site de la mairie."],
        [
            "J'étais contre au départ, mais la période d'essai m'a fait changer d'avis.",
            "Les bouchons redoutés ne sont jamais arrivés et le quartier est bien plus calme.",
        ],
    ],
    "es": [
        ["Por fin un artículo que explica el tema con calma."],
        [
            "Vivo a dos calles y el artículo se deja lo más importante.",
            "Nadie preguntó a quienes usan el servicio a diario. La consulta duró tres semanas, en pleno agosto.",
            "Sobre el papel hubo participación. En la práctica, ninguna.",
        ],
        ["¿De dónde salen las cifras del tercer párrafo? Me parecen muy altas."],
        [
            "> Nadie preguntó a quienes usan el servicio a diario.",
            "Eso no es cierto. Fui a dos de las reuniones y estaban llenas.",
        ],
        [
            "Esto lo prometen cada cinco años. Lo creeré cuando lo vea.",
            "¿Alguien se acuerda del plan del tranvía? Mismas promesas y el solar sigue vacío.",
        ],
        ["Gracias por el reportaje, para esto pago la suscripción."],
        ["¿Y quién lo paga? El artículo no lo aclara en ningún momento."],
        [
            "Trabajo en el sector y hay un par de cosas que matizar.",
            "Las comparaciones con otras ciudades no son equivalentes, porque allí solo se contaron las horas punta.",
            "Además, el presupuesto no incluye el mantenimiento, que a veinte años suele costar más que la obra.",
        ],
        ["Por favor, mantengamos el respeto. El último hilo acabó cerrado."],
        ["¿Se aplica también fuera del centro?"],
        ["Sí, a partir del año que viene. El mapa está en la web del ayuntamiento."],
        [
            "Al principio estaba en contra, pero la prueba piloto me hizo cambiar de opinión.",
            "Los atascos que temíamos no llegaron y el barrio está mucho más tranquilo.",
        ],
    ],
    "pt": [
        ["Finalmente uma reportagem que explica o assunto com calma."],
        [
            "Moro perto e posso dizer que o texto deixa de fora o mais importante.",
            "Ninguém perguntou a quem usa o serviço todos os dias. A consulta pública durou três semanas, em pleno "
            "verão.",
        ],
        ["Qual é a fonte dos números do terceiro parágrafo?"],
        ["> Ninguém perguntou a quem usa o serviço.", "Não é verdade, estive em duas reuniões e a sala estava cheia."],
        [
            "Prometem isto de cinco em cinco anos. Só acredito quando vir.",
            "Lembram-se do projeto do elétrico? As mesmas promessas e nada mudou.",
        ],
        ["Obrigado pela reportagem, é por isto que pago a assinatura."],
        ["E quem paga tudo isto? O artigo não diz."],
        [
            "Trabalho na área e há dois pontos a corrigir.",
            "As comparações com outras cidades não são equivalentes, e o custo anunciado não inclui a manutenção.",
        ],
        ["Isto aplica-se também fora do centro?"],
        ["Sim, a partir do próximo ano. O mapa está no site da câmara."],
    ],
    "ru": [
        ["Наконец-то толковая статья на эту тему."],
        [
            "Живу рядом и могу сказать, что в статье упущено главное.",
            "Никто не спросил тех, кто пользуется этим каждый день. Обсуждение шло три недели, в разгар отпусков.",
            "Формально мнение жителей учли. На деле — нет.",
        ],
        ["Откуда цифры в третьем абзаце? Кажутся завышенными."],
        [
            "> Никто не спросил тех, кто пользуется этим каждый день.",
            "Это неправда, я был на двух встречах, и зал был полон.",
        ],
        [
            "Это обещают каждые пять лет. Поверю, когда увижу.",
            "Помните проект с паромом? Те же обещания, и до сих пор ничего.",
        ],
        ["Спасибо за материал, ради таких статей и подписываюсь."],
        ["А кто за всё это платит? В статье об этом ни слова."],
        [
            "Работаю в этой сфере, и пара моментов требует уточнения.",
            "Сравнение с другими городами некорректно: там считали только часы пик.",
            "Кроме того, в смету не вошло обслуживание, а оно за двадцать лет обычно дороже самого строительства.",
        ],
        ["Это касается и районов за пределами центра?"],
        ["Да, со следующего года. Карта есть на сайте администрации."],
    ],
    "ja": [
        ["この件について、やっと分かりやすい記事が出ましたね。"],
        [
            "近くに住んでいますが、記事には一番大事な点が書かれていません。",
            "毎日利用している人たちの意見は聞かれていません。説明会は平日の昼間に一度だけでした。",
            "形式上は住民参加があったことになっていますが、実際にはありませんでした。",
        ],
        ["三段落目の数字の出典はどこでしょうか。少し多すぎる気がします。"],
        [
            "＞毎日利用している人たちの意見は聞かれていません。",
            "それは違うと思います。私は説明会に二回行きましたが、どちらも満席でした。",
        ],
        ["同じような計画は五年ごとに発表されています。実際に始まるまでは信じられません。"],
        ["丁寧な取材をありがとうございます。こういう記事のために購読しています。"],
        ["結局、費用は誰が負担するのでしょうか。記事には書かれていません。"],
        [
            "仕事でこの分野に関わっていますが、いくつか補足させてください。",
            "他の都市との比較は、集計した時間帯が違うのでそのままは比べられません。",
            "また、維持費が試算に含まれていません。二十年で見ると建設費より大きくなることが多いです。",
        ],
        ["中心部以外でも同じルールになりますか。"],
        ["来年からそうなるそうです。市のサイトに地図が載っています。"],
    ],
    "zh": [
        ["终于有一篇把这件事讲清楚的文章了。"],
        [
            "我就住在附近，文章漏掉了最关键的一点。",
            "每天使用的人根本没有被征求意见。听证会只开了一次，还是在工作日的下午。",
            "形式上有公众参与，实际上没有。",
        ],
        ["第三段的数字出处是哪里？看起来偏高。"],
        ["> 每天使用的人根本没有被征求意见。", "这不对，我参加了两次说明会，现场都坐满了。"],
        ["这种计划每隔几年就宣布一次，等真正开工我再相信。"],
        ["谢谢这么用心的报道，我订阅就是为了看这样的文章。"],
        ["最后到底谁来出钱？文章里一个字都没提。"],
        [
            "我在这个行业工作，补充两点。",
            "和其他城市的比较并不对等，那边只统计了高峰时段。",
            "另外预算里没有算维护费用，二十年下来通常比建设本身还贵。",
        ],
        ["市中心以外的地区也适用吗？"],
        ["明年开始也适用，市政府网站上有地图。"],
    ],
}

# how a thread shows who wrote a comment, per language: "{name}" and "{date}" are filled in
THREAD_META = {
    "en": ["{name} wrote:", "{name} says:", "by {name} on {date}", "{name} · {date}", "Posted by {name}"],
    "de": ["{name} schrieb:", "{name} sagt:", "von {name} am {date}", "{name} · {date}"],
    "fr": ["{name} a écrit :", "{name} dit :", "par {name} le {date}", "{name} · {date}"],
    "es": ["{name} escribió:", "{name} dice:", "por {name} el {date}", "{name} · {date}"],
    "pt": ["{name} escreveu:", "{name} diz:", "por {name} em {date}", "{name} · {date}"],
    "ru": ["{name} пишет:", "{name} · {date}", "{name} ответил(а):"],
    "ja": ["{name}さんのコメント", "{name} · {date}", "投稿者: {name}"],
    "zh": ["{name} 说：", "{name} · {date}", "发表者：{name}"],
}

THREAD_NAMES = [
    "Anonymous",
    "ex-resident",
    "T. Marsh",
    "quietreader",
    "Paula D.",
    "old_hand",
    "Kemal",
    "Ines R.",
    "northsider",
    "J. Okafor",
    "Margit",
    "Sven",
    "Hiro",
    "Lin Wei",
    "Dmitri",
]

# per language: the link under a shortened article, the "N replies" heading, vote and report links
THREAD_CHROME = {
    "en": dict(
        full="Read the full story",
        heading="{n} comments",
        votes="{n} points",
        report="Report",
        show_more="Load more comments",
        sort="Sort by: Newest | Oldest | Best",
    ),
    "de": dict(
        full="Ganzen Artikel lesen",
        heading="{n} Kommentare",
        votes="{n} Punkte",
        report="Melden",
        show_more="Weitere Kommentare laden",
        sort="Sortieren: Neueste | Älteste | Beste",
    ),
    "fr": dict(
        full="Lire l'article complet",
        heading="{n} commentaires",
        votes="{n} points",
        report="Signaler",
        show_more="Afficher plus de commentaires",
        sort="Trier : Récents | Anciens | Meilleurs",
    ),
    "es": dict(
        full="Leer la noticia completa",
        heading="{n} comentarios",
        votes="{n} puntos",
        report="Denunciar",
        show_more="Cargar más comentarios",
        sort="Ordenar: Recientes | Antiguos | Mejores",
    ),
    "pt": dict(
        full="Ler a notícia completa",
        heading="{n} comentários",
        votes="{n} pontos",
        report="Denunciar",
        show_more="Carregar mais comentários",
        sort="Ordenar: Recentes | Antigos | Melhores",
    ),
    "ru": dict(
        full="Читать полностью",
        heading="Комментарии: {n}",
        votes="{n} очков",
        report="Пожаловаться",
        show_more="Показать ещё комментарии",
        sort="Сортировать: новые | старые | лучшие",
    ),
    "ja": dict(
        full="記事の続きを読む",
        heading="コメント（{n}件）",
        votes="{n}ポイント",
        report="通報",
        show_more="コメントをもっと見る",
        sort="並び替え：新しい順 | 古い順 | 人気順",
    ),
    "zh": dict(
        full="阅读全文",
        heading="评论（{n}）",
        votes="{n} 赞",
        report="举报",
        show_more="加载更多评论",
        sort="排序：最新 | 最早 | 最热",
    ),
}

# one-sentence summaries under the "related" headlines of chrome.py, for teaser lists (headline, date,
# summary): navigation to other pages, however much it reads like a story
TEASERS = {
    "en": [
        "Traders say the new rates could push shoppers to the retail park, while residents welcome fewer cars.",
        "Earlier trains on weekdays, fewer on Sundays and a new late service to the coast start next month.",
        "Narrow pavements and delivery vans were never part of the plan, writes our transport columnist.",
        "A frozen harbour, a record crowd at the derby and the first lambs of spring.",
    ],
    "de": [
        "Händler fürchten weniger Kundschaft, Anwohner hoffen auf mehr freie Plätze in der Innenstadt.",
        "Mehr Züge am Morgen, weniger am Sonntag und eine neue Spätverbindung ans Meer.",
        "Wer sichere Wege will, muss auch Parkplätze umwidmen, meint unser Verkehrsredakteur.",
    ],
    "fr": [
        "Hydratation, volets fermés et visites aux voisins isolés : les gestes qui comptent.",
        "Le plan prévoit des toitures végétalisées et davantage de pistes cyclables d'ici 2028.",
        "Six jardins resteront accessibles jusqu'à minuit pendant les mois de juillet et d'août.",
    ],
    "es": [
        "El abono mensual sube dos euros, pero los menores de 26 años viajarán gratis los fines de semana.",
        "La asociación de vecinos ha reunido más de tres mil firmas para reforzar las líneas nocturnas.",
    ],
    "ja": [
        "初乗り運賃が十円上がる一方、子ども料金は据え置きとなる。",
        "商業施設と図書館を備えた複合ビルが二〇二九年に完成する予定だ。",
        "市中心部の三つの通りで、車道と分けた自転車レーンの工事が始まった。",
    ],
    "zh": [
        "从下月起，周五和周六晚上开放至九点，并增加夜间导览。",
        "新线路全长十八公里，设站十二座，试运营期间免费乘坐。",
        "音乐会、书市和露天电影，本周末全市有二十多场活动。",
    ],
    "ru": [
        "Освещение заменят на всём участке от моста до порта до конца лета.",
        "Жители могут подать заявку до мая, победители получат средства на благоустройство.",
    ],
    "pt": [
        "O trajeto terá paradas em cinco bairros e ônibus a cada vinte minutos.",
        "As obras começam em junho e incluem novos bancos, iluminação e brinquedos.",
    ],
}
